package dev.airfoil.layers.recurrent;

import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers shared by the wrapper layers ({@code TimeDistributed}, {@code Bidirectional}, {@code SpectralNormalization}). */
public final class Wrappers {
    private Wrappers() {
    }

    /** A copy of a serialised layer whose config takes the wrapper's dtype (unchanged when that is null). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> withDtype(Map<String, Object> serialized, Object dtype) {
        if (dtype == null || !(serialized.get("config") instanceof Map)) {
            return serialized;
        }
        Map<String, Object> s = new LinkedHashMap<>(serialized);
        Map<String, Object> c = new LinkedHashMap<>((Map<String, Object>) serialized.get("config"));
        c.put("dtype", dtype);
        s.put("config", c);
        return s;
    }

    /**
     * The serialisation of a wrapped layer without its {@code build_config} (Keras writes one for
     * built layers; leaving it out keeps a wrapper's config the same before and after building).
     */
    public static Map<String, Object> serializeInner(dev.airfoil.layers.Layer layer) {
        Map<String, Object> s = new LinkedHashMap<>(layer.serialize());
        s.remove("build_config");
        return s;
    }
}
