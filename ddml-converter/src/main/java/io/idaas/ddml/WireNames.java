package io.idaas.ddml;

import java.util.Locale;

/** Maps enum constants to and from their lowercase wire names. */
final class WireNames {

    private WireNames() {
    }

    static String of(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String wireName, String field) {
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(wireName)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + field + " '" + wireName + "'");
    }
}
