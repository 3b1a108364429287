package dev.airfoil.layers.recurrent;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Layers;
import dev.airfoil.layers.Variable;
import dev.airfoil.layers.core.Masks;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bidirectional wrapper for recurrent layers (Keras {@code Bidirectional}; SimpleRNN, LSTM, GRU or an
 * {@link RNN} over any cell): runs a copy of the layer forwards
 * ({@code forward_<name>}) and one backwards ({@code backward_<name>}, {@code go_backwards}
 * true) and merges their outputs. As in Keras, a layer that already goes backwards is refused unless a
 * {@code backward_layer} with {@code go_backwards} false is given.
 *
 * <p>{@code merge_mode}: {@code "concat"} (default; features {@code 2 * units}), {@code "sum"},
 * {@code "mul"}, {@code "ave"}, or null (two outputs, forward then backward). With
 * {@code return_sequences} the backward output is flipped back to input time order before merging.
 * With {@code return_state} the outputs are followed by the forward states, then the backward
 * states. Initial states, when given, are the inputs after {@code x}: forward ones first.
 * Weights: the forward layer's, then the backward layer's (Keras's order). As Keras, the inner
 * layers output zeros at masked steps when they return sequences. A dtype given in the wrapper's
 * config applies to the wrapped layers too.
 *
 * <pre>{@code
 * Bidirectional bi = new Bidirectional(LSTM.builder(32).returnSequences(true).build());
 * Tensor y = bi.apply(x);   // (batch, time, 64)
 * }</pre>
 */
public class Bidirectional extends Layer implements SupportsMasking {
    private static final Set<String> MODES = Set.of("concat", "sum", "mul", "ave");
    private final Layer forward;
    private final Layer backward;
    private final String mergeMode;

    /** Wraps {@code layer} (a {@link Recurrent} layer: SimpleRNN, LSTM, GRU or RNN) with {@code merge_mode = "concat"}. */
    public Bidirectional(Layer layer) {
        this(layer, "concat", null, null);
    }

    /**
     * Wraps {@code layer}; {@code mergeMode} one of concat, sum, mul, ave or null (separate outputs);
     * {@code backwardLayer} null to derive it from {@code layer}.
     */
    public Bidirectional(Layer layer, String mergeMode, Layer backwardLayer, String name) {
        super(name);
        if (mergeMode != null && !MODES.contains(mergeMode)) {
            throw new IllegalArgumentException("Bidirectional: invalid merge_mode '" + mergeMode
                    + "'; expected one of concat, sum, mul, ave or null");
        }
        this.mergeMode = mergeMode;
        this.forward = copy(layer, "forward_", recurrent(layer).goBackwards());
        this.backward = backwardLayer != null ? copy(backwardLayer, null, recurrent(backwardLayer).goBackwards())
                : copy(layer, "backward_", true);
        Recurrent f = recurrent(forward);
        Recurrent bw = recurrent(backward);
        if (f.goBackwards() == bw.goBackwards()) {
            throw new IllegalArgumentException("Bidirectional: the forward and backward layers must have different "
                    + "go_backwards values; got forward go_backwards=" + f.goBackwards()
                    + ", backward go_backwards=" + bw.goBackwards() + ". Wrap a layer with go_backwards=false "
                    + "(the backward copy goes backwards), or pass a backward_layer whose go_backwards differs");
        }
        if (f.returnSequences() != bw.returnSequences() || f.returnState() != bw.returnState()
                || f.stateful() != bw.stateful()) {
            throw new IllegalArgumentException("Bidirectional: the forward and backward layers must agree on "
                    + "return_sequences, return_state and stateful");
        }
    }

    /** A fresh layer from the config of {@code layer}, renamed (prefix null keeps the name) and with zero outputs at masked steps for sequences (as Keras). */
    private static Layer copy(Layer layer, String prefix, boolean goBackwards) {
        Map<String, Object> c = new LinkedHashMap<>(layer.getConfig());
        if (prefix != null) {
            String n = layer.name();
            c.put("name", prefix + (n.startsWith(prefix) ? n.substring(prefix.length()) : n));
        }
        c.put("go_backwards", goBackwards);
        c.put("zero_output_for_mask", recurrent(layer).returnSequences());
        return Layers.fromConfig(layer.className(), c);
    }

    /** {@code layer} as a recurrent layer, or a clear refusal. */
    private static Recurrent recurrent(Layer layer) {
        if (!(layer instanceof Recurrent r)) {
            throw new IllegalArgumentException("Bidirectional wraps a recurrent layer (SimpleRNN, LSTM, GRU or RNN), got "
                    + layer.className() + " '" + layer.name() + "'");
        }
        return r;
    }

    /** From a Keras config ({@code layer}, {@code merge_mode}, optional {@code backward_layer}). */
    public static Bidirectional fromConfig(ConfigMap c) {
        Layer inner = Layers.deserialize(Wrappers.withDtype(c.getMap("layer"), c.get("dtype")));
        Layer back = c.get("backward_layer") == null ? null
                : Layers.deserialize(Wrappers.withDtype(c.getMap("backward_layer"), c.get("dtype")));
        Object mode = c.asMap().containsKey("merge_mode") ? c.get("merge_mode") : "concat";
        return new Bidirectional(inner, (String) mode, back, c.getString("name", null));
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0).clone();
        s[0] = -1;
        if (s.length >= 3) { // any sequence length, also for ConvLSTM's sequences of feature maps
            s[1] = -1;
        }
        List<int[]> fw = new ArrayList<>();
        List<int[]> bw = new ArrayList<>();
        fw.add(s);
        bw.add(s);
        if (inputShapes.size() > 1) {
            for (int size : recurrent(forward).stateSizes()) {
                fw.add(new int[] {-1, size});
            }
            for (int size : recurrent(backward).stateSizes()) {
                bw.add(new int[] {-1, size});
            }
        }
        forward.ensureBuilt(fw);
        backward.ensureBuilt(bw);
    }

    @Override
    public List<Variable> weights() {
        List<Variable> all = new ArrayList<>(forward.weights());
        all.addAll(backward.weights());
        return all;
    }

    @Override
    public void setTrainable(boolean trainable) {
        super.setTrainable(trainable);
        forward.setTrainable(trainable);
        backward.setTrainable(trainable);
    }

    @Override
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        return run(inputs, null, training);
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        return run(List.of(input), null, training).get(0);
    }

    @Override
    public List<Tensor> apply(List<Tensor> inputs, boolean training) {
        return undoBuildOnFailure(() -> {
            buildFor(inputs);
            return super.apply(inputs, training);
        });
    }

    @Override
    public List<Tensor> applyMasked(List<Tensor> inputs, List<Tensor> masks, boolean training) {
        return undoBuildOnFailure(() -> {
            buildFor(inputs);
            return run(inputs, Masks.first(masks), training);
        });
    }

    private void buildFor(List<Tensor> inputs) {
        if (!isBuilt()) {
            List<int[]> shapes = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                int[] c = inputs.get(i).shape();
                c[0] = -1;
                if (i == 0 && c.length >= 3) {
                    c[1] = -1;
                }
                shapes.add(c);
            }
            ensureBuilt(shapes);
        }
    }

    private List<Tensor> run(List<Tensor> inputs, Tensor mask, boolean training) {
        Tensor x = inputs.get(0);
        int ns = recurrent(forward).stateSizes().length;
        List<Tensor> fin = new ArrayList<>(List.of(x));
        List<Tensor> bin = new ArrayList<>(List.of(x));
        if (inputs.size() > 1) {
            if (inputs.size() != 1 + 2 * ns) {
                throw new IllegalArgumentException(describe() + " expects " + 2 * ns
                        + " initial states (forward then backward) after the input, got " + (inputs.size() - 1));
            }
            fin.addAll(inputs.subList(1, 1 + ns));
            bin.addAll(inputs.subList(1 + ns, 1 + 2 * ns));
        }
        List<Tensor> masks = mask == null ? null : java.util.Arrays.asList(mask);
        List<Tensor> f = recurrent(forward).applyMasked(fin, masks, training);
        List<Tensor> b = recurrent(backward).applyMasked(bin, masks, training);
        Tensor y = f.get(0);
        Tensor yRev = b.get(0);
        if (recurrent(forward).returnSequences()) {
            yRev = reverseTime(yRev);
        }
        List<Tensor> out = new ArrayList<>();
        if (mergeMode == null) {
            out.add(y);
            out.add(yRev);
        } else {
            out.add(switch (mergeMode) {
                case "concat" -> Tensor.concatenate(List.of(y, yRev), -1);
                case "sum" -> y.add(yRev);
                case "ave" -> y.add(yRev).div(2);
                case "mul" -> y.mul(yRev);
                default -> throw new IllegalStateException(mergeMode);
            });
        }
        if (recurrent(forward).returnState()) {
            out.addAll(f.subList(1, f.size()));
            out.addAll(b.subList(1, b.size()));
        }
        return out;
    }

    static Tensor reverseTime(Tensor y) {
        int t = y.shape()[1];
        int[] idx = new int[t];
        for (int i = 0; i < t; i++) {
            idx[i] = t - 1 - i;
        }
        return y.take(Tensor.ofInts(idx, t), 1);
    }

    @Override
    public Tensor computeMask(Tensor input, Tensor previousMask) {
        return recurrent(forward).returnSequences() ? previousMask : null;
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        List<int[]> f = forward.computeOutputShapes(List.of(inputShapes.get(0)));
        List<int[]> b = backward.computeOutputShapes(List.of(inputShapes.get(0)));
        List<int[]> out = new ArrayList<>();
        int[] y = f.get(0).clone();
        if (mergeMode == null) {
            out.add(y);
            out.add(b.get(0).clone());
        } else {
            if ("concat".equals(mergeMode)) {
                y[y.length - 1] += b.get(0)[y.length - 1];
            }
            out.add(y);
        }
        out.addAll(f.subList(1, f.size()));
        out.addAll(b.subList(1, b.size()));
        return out;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return computeOutputShapes(List.of(inputShape)).get(0);
    }

    /** The forward layer. */
    public Layer forwardLayer() {
        return forward;
    }

    /** The backward layer. */
    public Layer backwardLayer() {
        return backward;
    }

    /** The merge mode, or null for separate outputs. */
    public String mergeMode() {
        return mergeMode;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("merge_mode", mergeMode);
        m.put("layer", Wrappers.serializeInner(forward));
        m.put("backward_layer", Wrappers.serializeInner(backward));
        return m;
    }
}
