package dev.airfoil.layers;

import dev.airfoil.layers.attention.AttentionLayersTest;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.preprocessing.PreprocessingLayersTest;
import dev.airfoil.layers.recurrent.RecurrentLayersTest;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A first call that fails (an input of the wrong rank) leaves the layer unbuilt, so that the next,
 * valid call builds it for its own input: checked for every registered layer, through the harness
 * cases of every layer family, in eager and in symbolic calls.
 */
class FailedFirstCallTest {
    /** Layers (case names) that refused one of their wrong-rank inputs, eagerly and symbolically. */
    private static final List<String> EAGER_REFUSED = new ArrayList<>();
    private static final List<String> SYMBOLIC_REFUSED = new ArrayList<>();

    static Stream<Arguments> cases() {
        return Stream.of(LayerContractTest.layers(), ConvolutionalLayersTest.layers(), RecurrentLayersTest.layers(),
                AttentionLayersTest.layers(), PreprocessingLayersTest.layers()).flatMap(s -> s);
    }

    /** The inputs with the first one given one axis more (size 2) or one axis fewer (the last dropped). */
    private static List<List<Tensor>> wrongRanks(List<Tensor> inputs) {
        List<List<Tensor>> out = new ArrayList<>();
        Tensor x = inputs.get(0);
        int[] s = x.shape();
        int[] more = Arrays.copyOf(s, s.length + 1);
        more[s.length] = 2;
        List<Tensor> a = new ArrayList<>(inputs);
        a.set(0, x.reshape(more.length == 0 ? more : withOne(s)).broadcastTo(more).copy());
        out.add(a);
        if (s.length >= 2) {
            int[] fewer = Arrays.copyOf(s, s.length - 1);
            List<Tensor> b = new ArrayList<>(inputs);
            b.set(0, x.slice(s.length - 1, 0, 1).reshape(fewer));
            out.add(b);
        }
        return out;
    }

    private static int[] withOne(int[] s) {
        int[] c = Arrays.copyOf(s, s.length + 1);
        c[s.length] = 1;
        return c;
    }

    private static void assertUnbuilt(Layer layer, String what) {
        assertFalse(layer.isBuilt(), what + ": the layer is built after a failed first call");
        assertEquals(0, layer.weights().size(), what + ": weights left after a failed first call " + layer.weights());
        assertNull(layer.buildInputShapes(), what + ": input shapes recorded after a failed first call");
        assertTrue(layer.inboundNodes().isEmpty(), what + ": a node was added by a failed call");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eagerWrongRankThenValid(String name, Supplier<Layer> factory, List<Tensor> inputs, Object expect) {
        Layer reference = factory.get();
        List<int[]> want = reference.apply(inputs, false).stream().map(Tensor::shape).toList();
        for (List<Tensor> wrong : wrongRanks(inputs)) {
            Layer layer = factory.get();
            try {
                layer.apply(wrong, false);
                continue; // this rank is accepted: no rank requirement in this direction
            } catch (RuntimeException e) {
                synchronized (EAGER_REFUSED) {
                    EAGER_REFUSED.add(name);
                }
            }
            assertUnbuilt(layer, name);
            List<Tensor> out = layer.apply(inputs, false);
            assertEquals(want.size(), out.size(), name);
            for (int i = 0; i < out.size(); i++) {
                assertArrayEquals(want.get(i), out.get(i).shape(), name + " output " + i);
            }
            assertEquals(reference.weights().size(), layer.weights().size(), name + ": weights after the valid call");
            for (int i = 0; i < layer.weights().size(); i++) {
                assertArrayEquals(reference.weights().get(i).shape(), layer.weights().get(i).shape(),
                        name + " weight " + layer.weights().get(i).path());
            }
        }
    }

    private static List<KerasTensor> symbolic(List<Tensor> inputs) {
        List<KerasTensor> out = new ArrayList<>();
        for (Tensor t : inputs) {
            int[] s = t.shape();
            out.add(Input.of(Arrays.copyOfRange(s, 1, s.length), t.dtype(), null));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void symbolicWrongRankThenValid(String name, Supplier<Layer> factory, List<Tensor> inputs, Object expect) {
        Layer reference = factory.get();
        List<KerasTensor> want = reference.applySymbolic(symbolic(inputs));
        for (List<Tensor> wrong : wrongRanks(inputs)) {
            Layer layer = factory.get();
            try {
                layer.applySymbolic(symbolic(wrong));
                continue; // this rank is accepted: no rank requirement in this direction
            } catch (RuntimeException e) {
                synchronized (SYMBOLIC_REFUSED) {
                    SYMBOLIC_REFUSED.add(name);
                }
            }
            assertUnbuilt(layer, name);
            List<KerasTensor> out = layer.applySymbolic(symbolic(inputs));
            assertEquals(want.size(), out.size(), name);
            for (int i = 0; i < out.size(); i++) {
                assertArrayEquals(want.get(i).shape(), out.get(i).shape(), name + " output " + i);
            }
            assertEquals(reference.weights().size(), layer.weights().size(), name + ": weights after the valid call");
            assertEquals(1, layer.inboundNodes().size(), name);
        }
    }

    @Test
    void manyLayerFamiliesHaveARankRequirementThatTheseTestsExercise() {
        AtomicInteger refusedEager = new AtomicInteger();
        AtomicInteger refusedSymbolic = new AtomicInteger();
        cases().forEach(c -> {
            Object[] a = c.get();
            @SuppressWarnings("unchecked")
            Supplier<Layer> f = (Supplier<Layer>) a[1];
            @SuppressWarnings("unchecked")
            List<Tensor> in = (List<Tensor>) a[2];
            for (List<Tensor> wrong : wrongRanks(in)) {
                try {
                    f.get().apply(wrong, false);
                } catch (RuntimeException e) {
                    refusedEager.incrementAndGet();
                }
                try {
                    f.get().applySymbolic(symbolic(wrong));
                } catch (RuntimeException e) {
                    refusedSymbolic.incrementAndGet();
                }
            }
        });
        assertTrue(refusedEager.get() >= 40, "wrong-rank inputs refused eagerly: " + refusedEager.get());
        assertTrue(refusedSymbolic.get() >= 40, "wrong-rank inputs refused symbolically: " + refusedSymbolic.get());
    }

    @Test
    void aPoolingLayerCalledOnceWithAWrongRankTakesTheRightOneNext() {
        Layer pool = new dev.airfoil.layers.pooling.MaxPooling2D(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pool.apply(Tensor.ones(2, 4, 4)));
        assertTrue(e.getMessage().contains(pool.name()) && e.getMessage().contains("rank 4"), e.getMessage());
        assertArrayEquals(new int[] {2, 2, 2, 3}, pool.apply(Tensor.ones(2, 4, 4, 3)).shape());
    }

    @Test
    void aBuildThatFailsHalfWayKeepsNoWeights() {
        Layer half = new Dense(3) {
            @Override
            protected void build(int[] inputShape) {
                addWeight("first", new int[] {1}, dev.airfoil.initializers.Initializers.get("ones"), true);
                if (inputShape[inputShape.length - 1] != 4) {
                    throw new IllegalArgumentException("wants 4 features");
                }
                super.build(inputShape);
            }
        };
        assertThrows(IllegalArgumentException.class, () -> half.apply(Tensor.ones(2, 5)));
        assertUnbuilt(half, "half");
        half.apply(Tensor.ones(2, 4));
        assertEquals(3, half.weights().size());
    }
}
