package io.idaas.ddml.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.bson.BsonBinarySubType;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTReader;

class GeoJsonTest {

    /** The stored BSON of a geometry column's value, after a BSON encode and decode; checks the WKB comes back. */
    private static BsonValue stored(byte[] wkb) {
        PortableType type = PortableType.parse("geometry");
        BsonDocument doc = new BsonDocument("g", BsonValues.toBson(type, wkb));
        BsonValue back = new RawBsonDocument(doc, new BsonDocumentCodec()).decode(new BsonDocumentCodec()).get("g");
        assertThat((byte[]) BsonValues.fromBson(type, back)).as("the WKB read back").isEqualTo(wkb);
        return back;
    }

    private static byte[] wkb(String wkt, int byteOrder, int dimensions) throws Exception {
        Geometry g = new WKTReader().read(wkt);
        return new WKBWriter(dimensions, byteOrder, false).write(g);
    }

    @Test
    void aMariaDbPointIsAGeoJsonPoint() {
        // SELECT HEX(ST_AsWKB(POINT(1, 2))) on MariaDB
        byte[] wkb = HexFormat.of().parseHex("0101000000000000000000F03F0000000000000040");
        assertThat(stored(wkb).asDocument().toJson()).isEqualTo("{\"type\": \"Point\", \"coordinates\": [1.0, 2.0]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "LINESTRING (0 0, 1 1, 2 0.1)",
        "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (1 1, 2 1, 2 2, 1 1))",
        "MULTIPOINT ((1 2), (-3.5 4e-300))",
        "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))",
        "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))",
        "GEOMETRYCOLLECTION (POINT (13.404954 52.520008), LINESTRING (0 0, 1 1))"})
    void everyGeometryTypeIsItsGeoJsonObjectAndGivesTheSameWkbBack(String wkt) throws Exception {
        BsonDocument d = stored(wkb(wkt, ByteOrderValues.LITTLE_ENDIAN, 2)).asDocument();
        String type = new WKTReader().read(wkt).getGeometryType();
        assertThat(d.getString("type").getValue()).isEqualTo(type);
        assertThat(d.containsKey(type.equals("GeometryCollection") ? "geometries" : "coordinates")).isTrue();
    }

    @Test
    void aPolygonsRingsAreArraysOfPositionsOuterRingFirst() throws Exception {
        BsonDocument d = stored(wkb("POLYGON ((0 0, 4 0, 4 4, 0 0), (1 1, 2 1, 2 2, 1 1))",
            ByteOrderValues.LITTLE_ENDIAN, 2)).asDocument();
        assertThat(d.getArray("coordinates")).hasSize(2);
        assertThat(d.getArray("coordinates").get(0).asArray().get(1).asArray().get(0).asDouble().getValue()).isEqualTo(4.0);
    }

    @Test
    void whatGeoJsonWouldNotGiveBackBitForBitStaysWkb() throws Exception {
        byte[][] kept = {
            wkb("POINT (1 2)", ByteOrderValues.BIG_ENDIAN, 2),             // big-endian: GeoJSON would come back LE
            wkb("POINT Z (1 2 3)", ByteOrderValues.LITTLE_ENDIAN, 3),       // a third dimension
            wkb("LINESTRING EMPTY", ByteOrderValues.LITTLE_ENDIAN, 2),      // empty
            HexFormat.of().parseHex("0101000020E6100000000000000000F03F0000000000000040"), // EWKB with SRID 4326
            HexFormat.of().parseHex("0101000000000000000000F87F0000000000000040"),         // x = NaN
            {1, 1, 0, 0, 0},                                                // truncated
        };
        for (byte[] wkb : kept) {
            BsonValue v = stored(wkb);
            assertThat(v.isBinary()).as(HexFormat.of().formatHex(wkb)).isTrue();
            assertThat(v.asBinary().getType()).isEqualTo(BsonBinarySubType.BINARY.getValue());
        }
    }
}
