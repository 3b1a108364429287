package dev.airfoil.cli;

import tools.jackson.databind.ObjectMapper;

import java.util.Map;

/** JSON output of the commands' {@code --json} flags. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** Pretty-printed JSON of a map (NaN and infinities become null, as JSON has no such numbers). */
    static String object(Object value) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(clean(value));
    }

    private static Object clean(Object v) {
        if (v instanceof Double && (((Double) v).isNaN() || ((Double) v).isInfinite())) {
            return null;
        }
        if (v instanceof Map) {
            Map<Object, Object> m = new java.util.LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                m.put(e.getKey(), clean(e.getValue()));
            }
            return m;
        }
        if (v instanceof java.util.List) {
            return ((java.util.List<?>) v).stream().map(Json::clean).toList();
        }
        if (v instanceof double[]) {
            double[] a = (double[]) v;
            java.util.List<Object> l = new java.util.ArrayList<>();
            for (double d : a) {
                l.add(clean(d));
            }
            return l;
        }
        return v;
    }
}
