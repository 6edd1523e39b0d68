package io.idaas.ddml;

import java.util.HashMap;

/**
 * Writes a position's native fields as the Avro {@code map<string>} in the order the writer before the streaming one
 * gave them: that of a {@code HashMap} copy of them, which depends only on the keys (and the JDK's HashMap). That order
 * is worked out once per set of keys (events of a source repeat theirs) and kept.
 */
final class NativeFieldOrder {

    /** The keys last seen, in key order, and the indexes of the fields in the order to write them. */
    private record Order(String[] keys, int[] hashOrder) {
    }

    private static volatile Order last = new Order(new String[0], new int[0]);

    private NativeFieldOrder() {
    }

    static void write(NativeFields fields, AvroBinaryOutput out) {
        out.writeBlockStart(fields.size());
        for (int i : order(fields)) {
            String value = fields.valueAt(i);
            if (value == null) {
                throw new NullPointerException("position.native." + fields.keyAt(i) + " is null, which Avro's map<string> cannot hold");
            }
            out.writeString(fields.keyAt(i));
            out.writeString(value);
        }
        out.writeBlockEnd();
    }

    private static int[] order(NativeFields fields) {
        Order known = last;
        if (known.keys.length == fields.size()) {
            boolean same = true;
            for (int i = 0; i < known.keys.length && same; i++) {
                String k = known.keys[i];
                same = k == fields.keyAt(i) || k.equals(fields.keyAt(i));
            }
            if (same) {
                return known.hashOrder;
            }
        }
        String[] keys = new String[fields.size()];
        HashMap<String, String> copy = new HashMap<>(fields); // as the record writer copied them
        for (int i = 0; i < keys.length; i++) {
            keys[i] = fields.keyAt(i);
        }
        int[] hashOrder = new int[keys.length];
        int n = 0;
        for (String key : copy.keySet()) {
            hashOrder[n++] = indexOf(keys, key);
        }
        Order order = new Order(keys, hashOrder);
        last = order;
        return hashOrder;
    }

    private static int indexOf(String[] keys, String key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        throw new IllegalStateException("no key " + key);
    }
}
