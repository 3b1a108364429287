package dev.airfoil.tensor;

import dev.airfoil.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forward values and gradients of tensor ops against PyTorch in float64
 * (golden/ops_torch.json, made by tools/golden/torch_ops.py): every case must match to 1e-10.
 */
class TorchOpsGoldenTest {

    private static int[] axes(JsonNode p) {
        JsonNode a = p.get("axes");
        if (a == null || a.isNull()) {
            return null;
        }
        int[] r = new int[a.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(i).asInt();
        }
        return r;
    }

    private static boolean keep(JsonNode p) {
        return p.has("keepdim") && p.get("keepdim").asBoolean();
    }

    private static int[] ints(JsonNode a) {
        int[] r = new int[a.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(i).asInt();
        }
        return r;
    }

    /** Every op name of the golden file mapped to Airfoil. */
    private static final Map<String, BiFunction<List<Tensor>, JsonNode, Tensor>> OPS = Map.ofEntries(
            Map.entry("add", (x, p) -> x.get(0).add(x.get(1))),
            Map.entry("sub", (x, p) -> x.get(0).sub(x.get(1))),
            Map.entry("mul", (x, p) -> x.get(0).mul(x.get(1))),
            Map.entry("div", (x, p) -> x.get(0).div(x.get(1))),
            Map.entry("neg", (x, p) -> x.get(0).neg()),
            Map.entry("abs", (x, p) -> x.get(0).abs()),
            Map.entry("sign", (x, p) -> x.get(0).sign()),
            Map.entry("pow", (x, p) -> p.has("exponent") ? x.get(0).pow(p.get("exponent").asDouble()) : x.get(0).pow(x.get(1))),
            Map.entry("sqrt", (x, p) -> x.get(0).sqrt()),
            Map.entry("exp", (x, p) -> x.get(0).exp()),
            Map.entry("log", (x, p) -> x.get(0).log()),
            Map.entry("log1p", (x, p) -> x.get(0).log1p()),
            Map.entry("tanh", (x, p) -> x.get(0).tanh()),
            Map.entry("sigmoid", (x, p) -> x.get(0).sigmoid()),
            Map.entry("erf", (x, p) -> x.get(0).erf()),
            Map.entry("minimum", (x, p) -> x.get(0).minimum(x.get(1))),
            Map.entry("maximum", (x, p) -> x.get(0).maximum(x.get(1))),
            Map.entry("clamp", (x, p) -> x.get(0).clip(p.get("min").asDouble(), p.get("max").asDouble())),
            Map.entry("where", (x, p) -> Tensor.where(x.get(0), x.get(1), x.get(2))),
            Map.entry("sum", (x, p) -> x.get(0).sum(axes(p), keep(p))),
            Map.entry("mean", (x, p) -> x.get(0).mean(axes(p), keep(p))),
            Map.entry("amax", (x, p) -> x.get(0).max(axes(p), keep(p))),
            Map.entry("amin", (x, p) -> x.get(0).min(axes(p), keep(p))),
            Map.entry("var", (x, p) -> x.get(0).variance(axes(p), keep(p))),
            Map.entry("logsumexp", (x, p) -> x.get(0).logsumexp(axes(p), keep(p))),
            Map.entry("norm", (x, p) -> x.get(0).norm(axes(p), keep(p))),
            Map.entry("reshape", (x, p) -> x.get(0).reshape(ints(p.get("shape")))),
            Map.entry("permute", (x, p) -> x.get(0).permute(ints(p.get("dims")))),
            Map.entry("transpose", (x, p) -> x.get(0).swapAxes(p.get("dim0").asInt(), p.get("dim1").asInt())),
            Map.entry("expand", (x, p) -> x.get(0).broadcastTo(ints(p.get("shape")))),
            Map.entry("broadcast_to", (x, p) -> x.get(0).broadcastTo(ints(p.get("shape")))),
            Map.entry("squeeze", (x, p) -> p.get("dim").isNull() ? x.get(0).squeeze() : x.get(0).squeeze(p.get("dim").asInt())),
            Map.entry("unsqueeze", (x, p) -> x.get(0).unsqueeze(p.get("dim").asInt())),
            Map.entry("slice", TorchOpsGoldenTest::slice),
            Map.entry("cat", (x, p) -> Tensor.concatenate(x, p.get("dim").asInt())),
            Map.entry("stack", (x, p) -> Tensor.stack(x, p.get("dim").asInt())),
            Map.entry("split", (x, p) -> (p.has("sizes") ? x.get(0).split(ints(p.get("sizes")), p.get("dim").asInt())
                    : x.get(0).split(p.get("sections").asInt(), p.get("dim").asInt())).get(p.get("index").asInt())),
            Map.entry("pad", (x, p) -> {
                JsonNode per = p.get("pad_per_axis");
                int[][] pads = new int[per.size()][];
                for (int i = 0; i < pads.length; i++) {
                    pads[i] = ints(per.get(i));
                }
                return x.get(0).pad(pads, p.get("value").asDouble());
            }),
            Map.entry("index_select", (x, p) -> x.get(0).take(x.get(1), p.get("dim").asInt())),
            Map.entry("gather", (x, p) -> x.get(0).takeAlongAxis(x.get(1), p.get("dim").asInt())),
            Map.entry("take", (x, p) -> x.get(0).reshape(-1).take(x.get(1), 0)),
            Map.entry("one_hot", (x, p) -> Tensor.oneHot(x.get(0), p.get("num_classes").asInt())),
            Map.entry("matmul", (x, p) -> x.get(0).matmul(x.get(1))),
            Map.entry("softmax", (x, p) -> x.get(0).softmax(p.get("dim").asInt())),
            Map.entry("log_softmax", (x, p) -> x.get(0).logSoftmax(p.get("dim").asInt())));

    private static Tensor slice(List<Tensor> x, JsonNode p) {
        Tensor t = x.get(0);
        JsonNode slices = p.get("slices");
        for (int axis = 0; axis < slices.size(); axis++) {
            JsonNode s = slices.get(axis);
            int len = t.shape()[axis];
            int step = s.get(2).isNull() ? 1 : s.get(2).asInt();
            int start = s.get(0).isNull() ? 0 : s.get(0).asInt();
            int stop = s.get(1).isNull() ? len : s.get(1).asInt();
            t = t.slice(axis, start, stop, step);
        }
        if (p.has("squeeze_axes")) {
            int[] sq = ints(p.get("squeeze_axes"));
            for (int i = sq.length - 1; i >= 0; i--) {
                t = t.squeeze(sq[i]);
            }
        }
        return t;
    }

    static Stream<JsonNode> cases() {
        return Golden.cases("/golden/ops_torch.json");
    }

    private static Tensor input(JsonNode in) {
        String dt = in.get("dtype").asText();
        Tensor t = Golden.tensor(in, DType.FLOAT64);
        switch (dt) {
            case "bool": return t.cast(DType.BOOL);
            case "int64": return t.cast(DType.INT64);
            case "int32": return t.cast(DType.INT32);
            default: return t;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(JsonNode c) {
        String name = c.get("name").asText();
        BiFunction<List<Tensor>, JsonNode, Tensor> f = OPS.get(c.get("op").asText());
        assertNotNull(f, "no mapping for op " + c.get("op").asText());
        List<Tensor> xs = new ArrayList<>();
        for (JsonNode in : c.get("inputs")) {
            Tensor t = input(in);
            if (t.dtype() == DType.FLOAT64 && c.hasNonNull("grads")) {
                t.requiresGrad(true);
            }
            xs.add(t);
        }
        Tensor out = f.apply(xs, c.get("params"));
        Tensor expected = Golden.tensor(c.get("output"), DType.FLOAT64);
        assertArrayEquals(expected.shape(), out.shape(), name + " shape");
        assertTrue(out.cast(DType.FLOAT64).allClose(expected, 1e-10, 1e-12), name + ": expected " + expected + " got " + out);
        if (!c.hasNonNull("grads")) {
            return;
        }
        Tensor w = Golden.tensor(c.get("weight"), DType.FLOAT64);
        out.mul(w).sum().backward();
        JsonNode grads = c.get("grads");
        for (int i = 0; i < xs.size(); i++) {
            if (grads.get(i).isNull()) {
                continue;
            }
            Tensor g = Golden.tensor(grads.get(i), DType.FLOAT64);
            Tensor ours = xs.get(i).grad() == null ? Tensor.zerosLike(xs.get(i)) : xs.get(i).grad();
            assertTrue(ours.allClose(g, 1e-9, 1e-12), name + " grad " + i + ": expected " + g + " got " + ours);
        }
    }

    @Test
    void everyGoldenOpIsMapped() {
        long unmapped = cases().filter(c -> !OPS.containsKey(c.get("op").asText())).count();
        assertEquals(0, unmapped);
    }
}
