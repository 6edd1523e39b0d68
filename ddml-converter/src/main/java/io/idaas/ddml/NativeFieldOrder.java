package io.idaas.ddml;

import java.util.HashMap;
import java.util.Map;

/**
 * Writes a position's native fields as the Avro {@code map<string>} in the order the writer before the streaming one
 * gave them: that of a {@code HashMap} copy of them, which depends only on the keys (and the JDK's HashMap). That order
 * is worked out once per set of keys (events of a source repeat theirs) and kept.
 */
final class NativeFieldOrder {

    /** The keys last seen, in the fields' own order, and the order to write them in. */
    private record Order(String[] keys, String[] hashOrder) {
    }

    private static volatile Order last = new Order(new String[0], new String[0]);

    private NativeFieldOrder() {
    }

    static void write(Map<String, String> fields, AvroBinaryOutput out) {
        out.writeBlockStart(fields.size());
        for (String key : order(fields)) {
            out.writeString(key);
            out.writeString(fields.get(key));
        }
        out.writeBlockEnd();
    }

    private static String[] order(Map<String, String> fields) {
        Order known = last;
        if (known.keys.length == fields.size()) {
            int i = 0;
            boolean same = true;
            for (String key : fields.keySet()) {
                String k = known.keys[i++];
                if (k != key && !k.equals(key)) {
                    same = false;
                    break;
                }
            }
            if (same) {
                return known.hashOrder;
            }
        }
        Order order = new Order(fields.keySet().toArray(new String[0]), new HashMap<>(fields).keySet().toArray(new String[0]));
        last = order;
        return order.hashOrder;
    }
}
