package dev.airfoil.saving.keras;

import dev.airfoil.activations.Activation;
import dev.airfoil.activations.Activations;
import dev.airfoil.layers.Layers;
import dev.airfoil.tensor.Tensor;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks and adapts a Keras model config before Airfoil builds anything from it: JSON parsed
 * under size, depth and duplicate-key limits; every {@code class_name} checked against the
 * {@link Layers} registry up front (a clear "layer type X is not supported" instead of a partly
 * built model); layer names checked (non-empty, no {@code /}, no control characters); and the
 * Keras 2 differences Airfoil must honour translated — {@code ThresholdedReLU(theta)} becomes
 * {@code ReLU(threshold=theta)} (the same function, {@code x > theta ? x : 0}) and Keras 2's
 * {@code hard_sigmoid} ({@code clip(0.2x + 0.5, 0, 1)}, which Keras 3 replaced with
 * {@code relu6(x + 3) / 6}) becomes the registered activation {@code keras2_hard_sigmoid}.
 */
final class KerasConfigs {
    /** The name under which Keras 2's hard sigmoid is registered. */
    static final String KERAS2_HARD_SIGMOID = "keras2_hard_sigmoid";
    private static final Set<String> MODEL_CLASSES = Set.of("Sequential", "Functional", "Model");
    private static final Set<String> ACTIVATION_KEYS = Set.of("activation", "recurrent_activation");

    static {
        Activations.register(KERAS2_HARD_SIGMOID, c -> new Keras2HardSigmoid());
    }

    private KerasConfigs() {
    }

    /** Keras 2's {@code hard_sigmoid}: {@code clip(0.2x + 0.5, 0, 1)} = Keras 3's hard sigmoid of {@code 1.2x}. */
    static final class Keras2HardSigmoid implements Activation {
        @Override
        public Tensor apply(Tensor x) {
            return Activations.hardSigmoid().apply(x.mul(1.2));
        }

        @Override
        public String name() {
            return KERAS2_HARD_SIGMOID;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Keras2HardSigmoid;
        }

        @Override
        public int hashCode() {
            return KERAS2_HARD_SIGMOID.hashCode();
        }
    }

    /** Ensures the static registrations ran. */
    static void init() {
    }

    /** A JSON mapper with limits on document length, nesting and with duplicate keys rejected. */
    static ObjectMapper mapper(KerasLimits limits) {
        JsonFactory f = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(limits.maxConfigBytes())
                        .maxNestingDepth(Math.max(limits.maxDepth() * 8, 64))
                        .maxStringLength(limits.maxConfigBytes())
                        .maxNumberLength(1000)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(f).build();
    }

    /** Parses a JSON object under the limits. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String json, String where, KerasLimits limits) throws KerasFileException {
        if (json.length() > limits.maxConfigBytes()) {
            throw new KerasLimitException(where, json.length() + " characters of JSON, above the limit of "
                    + limits.maxConfigBytes());
        }
        Object parsed;
        try {
            parsed = mapper(limits).readValue(json, Object.class);
        } catch (JacksonException e) {
            String m = e.getOriginalMessage();
            throw new KerasFileException(where, "not valid JSON (" + (m == null ? e.getClass().getSimpleName()
                    : m.length() > 300 ? m.substring(0, 300) + "..." : m) + ")", e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new KerasFileException(where, "not valid JSON (" + e.getClass().getSimpleName() + ")", e);
        }
        if (!(parsed instanceof Map)) {
            throw new KerasFileException(where, "expected a JSON object, found " + (parsed == null ? "null"
                    : parsed.getClass().getSimpleName()));
        }
        return (Map<String, Object>) parsed;
    }

    /**
     * Validates a serialised model ({@code class_name} and {@code config}) and returns an adapted
     * deep copy ready for {@link dev.airfoil.models.Models#fromConfig}.
     *
     * @param keras2 whether the file was written by Keras 1 or 2 (formulas differ)
     */
    static Map<String, Object> prepare(Map<String, Object> model, boolean keras2, String where, KerasLimits limits)
            throws KerasFileException {
        init();
        Object cls = model.get("class_name");
        if (!(cls instanceof String) || !MODEL_CLASSES.contains(cls)) {
            throw new KerasFileException(where + ": class_name", "expected a model (Sequential, Functional or Model), found "
                    + (cls instanceof String ? "'" + cls + "'" : String.valueOf(cls))
                    + (cls instanceof String && !MODEL_CLASSES.contains(cls) ? "; wrap a single layer in a Sequential" : ""));
        }
        return castMap(adapt(model, keras2, where, 0, limits), where);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o, String where) throws KerasFileException {
        if (!(o instanceof Map)) {
            throw new KerasFileException(where, "expected a JSON object");
        }
        return (Map<String, Object>) o;
    }

    /** Adapts one serialised layer or model ({@code class_name} + {@code config}). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> adapt(Map<String, Object> spec, boolean keras2, String where, int depth,
                                             KerasLimits limits) throws KerasFileException {
        if (depth > limits.maxDepth()) {
            throw new KerasLimitException(where, "models nested deeper than " + limits.maxDepth());
        }
        Object clsObj = spec.get("class_name");
        if (!(clsObj instanceof String)) {
            throw new KerasFileException(where + ".class_name", "every layer needs a string 'class_name'");
        }
        String cls = (String) clsObj;
        Map<String, Object> out = new LinkedHashMap<>(spec);
        Object cfgObj = spec.get("config");
        if (cfgObj instanceof List && "Sequential".equals(cls)) {
            // Keras 2.0-2.1 Sequential: "config" is the list of layers
            cfgObj = new LinkedHashMap<>(Map.of("layers", cfgObj));
        }
        if (cfgObj != null && !(cfgObj instanceof Map)) {
            throw new KerasFileException(where + ".config", "layer '" + cls + "': 'config' must be an object");
        }
        Map<String, Object> cfg = cfgObj == null ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<String, Object>) cfgObj);
        Object name = cfg.get("name");
        if (name == null && spec.get("name") != null) {
            name = spec.get("name");
        }
        if (name != null) {
            checkLayerName(name, where + ".config.name");
        }
        if (keras2 && "ThresholdedReLU".equals(cls) && !Layers.contains(cls)) {
            Object theta = cfg.getOrDefault("theta", 1.0);
            cfg.remove("theta");
            cfg.put("threshold", theta);
            cfg.put("negative_slope", 0.0);
            cfg.put("max_value", null);
            cls = "ReLU";
            out.put("class_name", cls);
        }
        if (MODEL_CLASSES.contains(cls)) {
            Object layers = cfg.get("layers");
            if (!(layers instanceof List)) {
                throw new KerasFileException(where + ".config.layers", "model '" + name + "' needs a list of layers");
            }
            List<Object> adapted = new ArrayList<>();
            // Keras 3 records a functional model's mask computations as operation nodes; Airfoil derives masks itself
            java.util.Set<String> maskOnly = dev.airfoil.models.ModelConfigs.maskOnlyOperations((List<?>) layers,
                    cfg.get("output_layers"));
            int i = 0;
            for (Object l : (List<Object>) layers) {
                String lw = where + ".config.layers[" + i++ + "]";
                Map<String, Object> lm = castMap(l, lw);
                boolean named = lm.get("name") != null || lm.get("config") instanceof Map<?, ?> lc && lc.get("name") != null;
                if (named && maskOnly.contains(dev.airfoil.models.ModelConfigs.specName(lm))) {
                    continue;
                }
                adapted.add(adapt(lm, keras2, lw, depth + 1, limits));
            }
            cfg.put("layers", adapted);
        } else if (!Layers.contains(cls)) {
            throw new UnsupportedKerasLayerException(where, cls, String.valueOf(name));
        }
        if (keras2) {
            for (String k : ACTIVATION_KEYS) {
                if ("hard_sigmoid".equals(cfg.get(k))) {
                    cfg.put(k, KERAS2_HARD_SIGMOID);
                }
            }
            if ("Activation".equals(cls) && cfg.get("activation") instanceof Map) {
                Map<String, Object> a = (Map<String, Object>) cfg.get("activation");
                if ("hard_sigmoid".equals(a.get("class_name"))) {
                    cfg.put("activation", KERAS2_HARD_SIGMOID);
                }
            }
        }
        out.put("config", cfg);
        return out;
    }

    /** Keras 3's rule for names (non-empty, no '/'), plus no control characters and a sane length. */
    static void checkLayerName(Object name, String where) throws KerasFileException {
        if (!(name instanceof String)) {
            throw new KerasFileException(where, "a layer name must be a string, found " + name);
        }
        String s = (String) name;
        if (s.isEmpty() || s.length() > 256 || s.contains("/")) {
            throw new KerasFileException(where, "invalid layer name '" + abbreviate(s)
                    + "': names must have 1 to 256 characters and no '/'");
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20 || s.charAt(i) == 0x7f) {
                throw new KerasFileException(where, "invalid layer name: control character at position " + i);
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** Whether a Keras version string denotes Keras 1 or 2 (a missing version counts as Keras 3). */
    static boolean isKeras2(String version) {
        return version != null && (version.startsWith("1.") || version.startsWith("2."));
    }
}
