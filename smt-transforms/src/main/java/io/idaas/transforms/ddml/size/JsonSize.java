package io.idaas.transforms.ddml.size;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.Row;
import io.idaas.ddml.TableSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * The size of a value's JSON encoding: a cheap upper bound that walks the value (a string of n UTF-16 chars takes at
 * most 6n + 2 bytes of JSON, as {@code \\u0000} escapes), and the exact size, written through Jackson into a counter
 * only when the bound is over a limit.
 */
final class JsonSize {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The envelope of an event beside its rows and columns: ids, source names, position, transaction, times. */
    private static final long ENVELOPE = 16 * 1024;

    private JsonSize() {
    }

    /** At least the bytes of {@code value}'s JSON: a tree of maps, lists, strings, numbers, booleans, byte[] or nulls. */
    static long upperBound(Object value) {
        if (value == null) {
            return 4;
        }
        if (value instanceof String s) {
            return 2 + 6L * s.length();
        }
        if (value instanceof byte[] b) {
            return 2 + 4L * ((b.length + 2) / 3);
        }
        if (value instanceof Boolean) {
            return 5;
        }
        if (value instanceof BigDecimal d) {
            // its plain text: a sign, the digits, a point, and zeros for the scale beyond them or below the point
            return 5 + d.precision() + Math.abs((long) d.scale());
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof Double || value instanceof Float) {
            return 2 + 24; // no long, int, double or float takes more than 24 characters
        }
        if (value instanceof Number n) {
            return 2 + Math.max(24, n.toString().length());
        }
        if (value instanceof Row row) {
            return upperBound(row.values());
        }
        if (value instanceof Map<?, ?> map) {
            long total = 2;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                total += upperBound(String.valueOf(e.getKey())) + 2 + upperBound(e.getValue());
            }
            return total;
        }
        if (value instanceof Collection<?> list) {
            long total = 2;
            for (Object e : list) {
                total += 1 + upperBound(e);
            }
            return total;
        }
        return 2 + 6L * value.toString().length(); // dates, times, UUIDs: written as their text
    }

    /** At least the bytes of {@code event}'s DDML JSON, from its rows and columns without writing it. */
    static long upperBound(DdmlEvent event) {
        long total = ENVELOPE + 6L * event.id().length();
        TableSchema schema = event.schema();
        if (schema != null) {
            total += schemaBound(schema);
        }
        if (event.dml() != null) {
            total += upperBound(event.dml().key()) + upperBound(event.dml().before()) + upperBound(event.dml().after());
            if (event.dml().changed() != null) {
                total += upperBound(event.dml().changed());
            }
        } else if (event.ddl() != null) {
            total += 6L * length(event.ddl().statement()) + ENVELOPE * (1 + event.ddl().added().size() + event.ddl().modified().size());
        }
        return total;
    }

    /** The last schema bounded, and its bound: a table's events share their schema instance (the readers keep it). */
    private static final class LastSchema {
        final TableSchema schema;
        final long bound;

        LastSchema(TableSchema schema, long bound) {
            this.schema = schema;
            this.bound = bound;
        }
    }

    private static volatile LastSchema lastSchema;

    private static long schemaBound(TableSchema schema) {
        LastSchema last = lastSchema;
        if (last != null && last.schema == schema) {
            return last.bound;
        }
        long total = 0;
        for (Column c : schema.columns()) {
            total += 256 + 6L * (c.name().length() + c.type().toString().length() + length(c.nativeType())
                + length(c.defaultValue()));
        }
        lastSchema = new LastSchema(schema, total);
        return total;
    }

    /** The exact bytes of {@code event}'s DDML JSON, as a schemaless JsonConverter writes it. */
    static long exact(DdmlEvent event) {
        return count(DdmlJson.toTree(event));
    }

    /** The exact bytes of a JSON tree (maps, lists, scalars) as Jackson writes it. */
    static long exact(Object tree) {
        return count(tree);
    }

    private static long count(Object value) {
        Counter counter = new Counter();
        try {
            JSON.writeValue(counter, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure a DDML event: " + e.getMessage(), e);
        }
        return counter.bytes;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    /** Counts what is written, keeps nothing. */
    private static final class Counter extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
