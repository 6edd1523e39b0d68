package io.idaas.ddml;

import java.util.Locale;

/** Maps enum constants to and from their lowercase wire names. */
final class WireNames {

    private WireNames() {
    }

    /** Each enum's wire names by ordinal, made once (events ask for them per event). */
    private static final ClassValue<String[]> NAMES = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            String[] names = new String[constants.length];
            for (int i = 0; i < constants.length; i++) {
                names[i] = ((Enum<?>) constants[i]).name().toLowerCase(Locale.ROOT);
            }
            return names;
        }
    };

    static String of(Enum<?> e) {
        return NAMES.get(e.getDeclaringClass())[e.ordinal()];
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
