package dev.airfoil.models;

import dev.airfoil.layers.Input;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Names;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.merging.Add;
import dev.airfoil.layers.merging.Concatenate;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.testing.Golden;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three ways to build a model, their graph rules, inference from many threads, and the compiled summary. */
class ModelTest {

    @BeforeEach
    void fresh() {
        Names.clearSession();
    }

    private static Model twoInTwoOut() {
        KerasTensor a = Input.of(new int[] {10, 10}, "Input_1");
        KerasTensor b = Input.of(new int[] {10, 28}, "Input_2");
        KerasTensor h1 = new Dense(100, "relu").apply(b);
        KerasTensor h2 = new Dense(10, "relu").apply(h1);
        KerasTensor c = new Concatenate().apply(a, h2);
        return new Model(List.of(a, b), List.of(new Dense(1, "sigmoid", "main_output").apply(c),
                new Dense(1, null, "sub_output").apply(h2)));
    }

    @Test
    void predictFromEightThreadsEqualsSingleThreaded() throws Exception {
        Model model = twoInTwoOut();
        List<List<Tensor>> inputs = new ArrayList<>();
        List<List<Tensor>> expected = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            List<Tensor> in = List.of(Tensor.randomNormal(i, 0, 1, 5 + i, 10, 10), Tensor.randomNormal(100 + i, 0, 1, 5 + i, 10, 28));
            inputs.add(in);
            expected.add(model.predict(in, 4));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int rep = 0; rep < 20; rep++) {
                        for (int i = 0; i < inputs.size(); i++) {
                            List<Tensor> got = model.predict(inputs.get(i), 4);
                            for (int o = 0; o < got.size(); o++) {
                                if (!got.get(o).allClose(expected.get(i).get(o), 0, 0)) {
                                    return false;
                                }
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void sharedLayerHasTwoNodesAndOneSetOfWeights() {
        KerasTensor a = Input.shape(4);
        KerasTensor b = Input.shape(4);
        Dense shared = new Dense(3, null, "shared");
        Model m = new Model(List.of(a, b), List.of(new Add().apply(shared.apply(a), shared.apply(b))));
        assertEquals(2, shared.inboundNodes().size());
        assertEquals(15, m.countParams());
        Tensor x = Tensor.ones(2, 4);
        Tensor y = m.predict(List.of(x, x), 32).get(0);
        assertTrue(y.allClose(shared.apply(x).mul(2), 1e-6, 1e-6));
        assertTrue(m.summary(null, false).contains("shared[0][0], shared[1][0]"));
    }

    @Test
    void modelsNestAsLayers() {
        Model inner = twoInTwoOut();
        KerasTensor a = Input.shape(10, 10);
        KerasTensor b = Input.shape(10, 28);
        List<KerasTensor> outs = inner.applySymbolic(List.of(a, b));
        Model outer = new Model(List.of(a, b), List.of(new Dense(2).apply(outs.get(0))));
        assertEquals(inner.countParams() + 4, outer.countParams());
        assertArrayEquals(new int[] {3, 10, 2}, outer.predict(List.of(Tensor.ones(3, 10, 10), Tensor.ones(3, 10, 28)), 8).get(0).shape());
    }

    @Test
    void disconnectedGraphIsAClearError() {
        KerasTensor a = Input.of(new int[] {3}, "a");
        KerasTensor b = Input.of(new int[] {3}, "b");
        KerasTensor y = new Add().apply(a, b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Model(a, y));
        assertTrue(e.getMessage().contains("Graph disconnected") && e.getMessage().contains("'b'"), e.getMessage());
        IllegalArgumentException unused = assertThrows(IllegalArgumentException.class,
                () -> new Model(List.of(a, b), List.of(new Dense(1).apply(a))));
        assertTrue(unused.getMessage().contains("'b'") && unused.getMessage().contains("not connected"), unused.getMessage());
    }

    @Test
    void wrongInputShapeNamesTheInput() {
        Model m = twoInTwoOut();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.predict(List.of(Tensor.ones(2, 10, 10), Tensor.ones(2, 10, 27)), 8));
        assertTrue(e.getMessage().contains("Input_2") && e.getMessage().contains("(None, 10, 28)")
                && e.getMessage().contains("(2, 10, 27)"), e.getMessage());
    }

    @Test
    void sequentialBuildsOnFirstCallWithoutAnInput() {
        Sequential s = new Sequential(new Dense(4, "relu"), new Dense(2));
        assertTrue(s.summary(null, false).contains("0 (unbuilt)"));
        Tensor y = s.predict(Tensor.ones(3, 5));
        assertArrayEquals(new int[] {3, 2}, y.shape());
        assertEquals(5 * 4 + 4 + 4 * 2 + 2, s.countParams());
        assertSame(s.layers().get(0), s.getLayer("dense"));
    }

    /** A model whose call uses a loop and a branch: its layers are found through its fields. */
    static final class Looping extends Model {
        private final Dense first = new Dense(6, "tanh");
        private final List<Dense> blocks = List.of(new Dense(6, "tanh"), new Dense(6, "tanh"));
        private final Dense head = new Dense(1);

        Looping() {
            super((String) null);
        }

        @Override
        public Tensor call(Tensor x, boolean training) {
            Tensor h = first.apply(x, training);
            for (Dense d : blocks) {
                h = h.sum().item() > 1e9 ? h : d.apply(h, training).add(h);
            }
            return head.apply(h, training);
        }
    }

    @Test
    void subclassedModelTracksFieldsAndLists() {
        Looping m = new Looping();
        Tensor y = m.predict(Tensor.ones(2, 3));
        assertArrayEquals(new int[] {2, 1}, y.shape());
        List<Layer> layers = m.layers();
        assertEquals(4, layers.size());
        assertEquals(3 * 6 + 6 + 2 * (36 + 6) + 6 + 1, m.countParams());
        assertEquals(8, m.trainableWeights().size());
    }

    @Test
    void compiledSummaryShowsOptimizerParamsLikeKeras() throws Exception {
        Sequential model = new Sequential();
        model.add(Input.shape(28, 28));
        model.add(new Dense(300, "relu"));
        model.add(new Dense(100, "relu"));
        model.add(new Dense(10, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy");
        Tensor x = Tensor.randomNormal(0, 0, 1, 4, 28, 28);
        Tensor y = Tensor.randomUniform(1, 0, 10, 4, 28).cast(dev.airfoil.tensor.DType.INT64);
        model.trainOnBatch(x, y);
        String golden = new String(Golden.class.getResourceAsStream("/golden/summary/sequential_compiled_adam.txt")
                .readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(golden.strip(), model.summary(null, false).strip());
    }

    @Test
    void plotModelWritesPngSvgAndDot(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Model m = twoInTwoOut();
        PlotOptions o = PlotOptions.defaults().withShapes(true).withLayerNames(true).withDtype(true);
        ModelPlot.plotModel(m, dir.resolve("m.png"), o);
        ModelPlot.plotModel(m, dir.resolve("m.svg"), o);
        ModelPlot.plotModel(m, dir.resolve("m.dot"), o.withRankdir("LR"));
        var img = javax.imageio.ImageIO.read(dir.resolve("m.png").toFile());
        assertTrue(img.getWidth() > 200 && img.getHeight() > 200);
        String svg = Files.readString(dir.resolve("m.svg"));
        for (String label : List.of("Input_1 (InputLayer)", "Input_2 (InputLayer)", "concatenate (Concatenate)",
                "main_output (Dense)", "sub_output (Dense)", "Output shape: (None, 10, 20)")) {
            assertTrue(svg.contains(label), label);
        }
        String dot = Files.readString(dir.resolve("m.dot"));
        assertTrue(dot.contains("rankdir=LR") || dot.contains("rankdir=\"LR\""), dot);
        // five edges: Input_2->dense, dense->dense_1, Input_1->concatenate, dense_1->concatenate, concatenate->main_output, dense_1->sub_output
        assertEquals(6, dot.split("->", -1).length - 1, dot);
        assertThrows(IllegalArgumentException.class, () -> ModelPlot.plotModel(m, dir.resolve("m.bmp")));
    }
}
