package io.idaas.connect.redis;

import io.idaas.ddml.TableRef;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The names of the Redis keys the sink writes (connect-plugins/README.md, "Redis sink", and ddml-converter SPEC.md
 * section 11.1), all starting with {@code <prefix>:}.
 */
final class RedisLayout {

    private final String prefix;

    RedisLayout(String prefix) {
        this.prefix = prefix;
    }

    /** {@code <database>[.<schema>].<table>}; a view's changelog (no database): the view's name. */
    static String tableId(TableRef ref) {
        StringBuilder sb = new StringBuilder();
        if (ref.database() != null && !ref.database().isEmpty()) {
            sb.append(ref.database()).append('.');
        }
        if (ref.schema() != null && !ref.schema().isEmpty()) {
            sb.append(ref.schema()).append('.');
        }
        return sb.append(ref.table()).toString();
    }

    /** A row's default key, {@code <prefix>:<table-id>:<key>}. */
    byte[] row(String tableId, byte[] key) {
        return concat(prefix + ":" + tableId + ":", key);
    }

    /** The set of the table's row keys, {@code <prefix>:keys:<table-id>}. */
    byte[] keySet(String tableId) {
        return utf8(prefix + ":keys:" + tableId);
    }

    /** A deleted row's position, {@code <prefix>:tomb:<table-id>:<key>}. */
    byte[] tomb(String tableId, byte[] key) {
        return concat(prefix + ":tomb:" + tableId + ":", key);
    }

    /** The position of the table's last truncate or drop, {@code <prefix>:truncated:<table-id>}. */
    byte[] truncated(String tableId) {
        return utf8(prefix + ":truncated:" + tableId);
    }

    /** The set of the table's index set names, {@code <prefix>:indexes:<table-id>}. */
    byte[] indexRegistry(String tableId) {
        return utf8(prefix + ":indexes:" + tableId);
    }

    /** The start of a column's index sets' names, {@code <prefix>:index:<table-id>:<field>:}; the value follows. */
    byte[] indexPrefix(String tableId, String field) {
        return utf8(prefix + ":index:" + tableId + ":" + field + ":");
    }

    /** The newest position applied from a source, {@code <prefix>:applied:<source.name>}. */
    byte[] applied(String source) {
        return utf8(prefix + ":applied:" + source);
    }

    /** The connector's next offsets, {@code <prefix>:offsets:<connector>}, fields {@code <topic>/<partition>}. */
    byte[] offsets(String connector) {
        return utf8(prefix + ":offsets:" + connector);
    }

    /**
     * The Kafka topic id of each topic the connector's offsets belong to, {@code <prefix>:topic-ids:<connector>}, fields
     * {@code <topic>}, written in the script call that writes the offsets.
     */
    byte[] topicIds(String connector) {
        return utf8(prefix + ":topic-ids:" + connector);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(String head, byte[] tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + tail.length + 8);
        out.writeBytes(utf8(head));
        out.writeBytes(tail);
        return out.toByteArray();
    }
}
