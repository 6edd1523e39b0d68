package io.idaas.ddml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * The bytes the DDML writers give are pinned: digests of the JSON and the Avro of {@link WireFixtures}'s events, as the
 * writers before the streaming writers (Jackson's generator for JSON, a GenericRecord and Avro's GenericDatumWriter for
 * Avro) wrote them. A change that moves a single byte of SPEC.md's wire format fails here.
 */
class WireBytesPinTest {

    /** SHA-256 of every fixture event's JSON, one after the other, as the Jackson-generator writer wrote them. */
    static final String JSON_DIGEST = "625a1af667cbfade284817f4aa775e3a5c0389e737b7759271fb5090dd393d73";
    /** SHA-256 of every fixture event's plain Avro binary, as GenericDatumWriter wrote the GenericRecord. */
    static final String AVRO_DIGEST = "e47b1aeeabda912c585c7b3623a1c203ff49f2d8ddc85aa861166f3b25b2a1a5";

    @Test
    void jsonBytesAreThePinnedOnes() throws Exception {
        assertThat(digest(WireFixtures.all(), DdmlJson::write)).isEqualTo(JSON_DIGEST);
    }

    @Test
    void avroBytesAreThePinnedOnes() throws Exception {
        assertThat(digest(WireFixtures.all(), DdmlAvro::serialize)).isEqualTo(AVRO_DIGEST);
    }

    @Test
    void rowsBuiltByColumnIndexGiveThePinnedBytes() throws Exception {
        List<DdmlEvent> built = WireFixtures.all().stream().map(WireBytesPinTest::withBuiltRows).toList();
        assertThat(built).isEqualTo(WireFixtures.all());
        assertThat(digest(built, DdmlJson::write)).isEqualTo(JSON_DIGEST);
        assertThat(digest(built, DdmlAvro::serialize)).isEqualTo(AVRO_DIGEST);
        for (DdmlEvent e : built) {
            assertThat(DdmlJson.write(e)).as("event %s", e.id()).isEqualTo(JacksonReferenceWriter.write(e));
            assertThat(DdmlAvro.serialize(e)).as("event %s", e.id()).isEqualTo(genericAvro(e));
        }
    }

    /** The event with its rows made as ToDdml makes them: {@link Row#builder}, column by column. */
    static DdmlEvent withBuiltRows(DdmlEvent e) {
        if (e.dml() == null) {
            return e;
        }
        DmlChange d = e.dml();
        DmlChange rebuilt = d.withRows(built(d.key(), e.schema(), "key"), built(d.before(), e.schema(), "before"),
            built(d.after(), e.schema(), "after"), d.changed());
        return new DdmlEvent(e.specVersion(), e.id(), e.source(), e.position(), e.transaction(), e.time(), e.schema(), rebuilt, null);
    }

    private static Row built(Row row, TableSchema schema, String what) {
        if (row == null) {
            return null;
        }
        Row.Builder b = Row.builder(schema);
        for (int i = 0; i < schema.columns().size(); i++) {
            String name = schema.columns().get(i).name();
            if (row.has(name)) {
                b.put(i, row.get(name));
            }
        }
        return b.shaped(what);
    }

    @Test
    void jsonIsTheReferenceWritersForRandomEvents() {
        for (long seed = 1; seed <= 20; seed++) {
            for (DdmlEvent e : WireFixtures.randomStrings(200, seed)) {
                assertThat(DdmlJson.write(e)).as("event %s", e.id()).isEqualTo(JacksonReferenceWriter.write(e));
            }
        }
        for (DdmlEvent e : WireFixtures.all()) {
            assertThat(DdmlJson.write(e)).as("event %s", e.id()).isEqualTo(JacksonReferenceWriter.write(e));
        }
    }

    @Test
    void avroIsGenericDatumWritersForRandomEvents() {
        for (long seed = 1; seed <= 20; seed++) {
            for (DdmlEvent e : WireFixtures.randomStrings(200, seed)) {
                assertThat(DdmlAvro.serialize(e)).as("event %s", e.id()).isEqualTo(genericAvro(e));
            }
        }
        for (DdmlEvent e : WireFixtures.all()) {
            assertThat(DdmlAvro.serialize(e)).as("event %s", e.id()).isEqualTo(genericAvro(e));
        }
    }

    /** Avro binary as GenericDatumWriter writes {@link DdmlAvro#toRecord}: the reference for the streaming writer. */
    static byte[] genericAvro(DdmlEvent event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(DdmlAvro.schema()).write(DdmlAvro.toRecord(event), encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String digest(List<DdmlEvent> events, Function<DdmlEvent, byte[]> writer) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (DdmlEvent e : events) {
            sha.update(writer.apply(e));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    public static void main(String[] args) throws Exception {
        System.out.println("JSON " + digest(WireFixtures.all(), DdmlJson::write));
        System.out.println("AVRO " + digest(WireFixtures.all(), DdmlAvro::serialize));
        System.out.println("GENERIC " + digest(WireFixtures.all(), WireBytesPinTest::genericAvro));
        System.out.println("events " + WireFixtures.all().size());
    }
}
