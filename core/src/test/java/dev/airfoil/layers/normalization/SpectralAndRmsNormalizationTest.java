package dev.airfoil.layers.normalization;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.layers.Input;
import dev.airfoil.layers.Layers;
import dev.airfoil.layers.convolutional.Conv2D;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.reshaping.Flatten;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the Keras goldens (layers_extra.json) do not show: SpectralNormalization's power method converging to a
 * kernel of spectral norm 1, its updates inside {@code fit}, its refusals; RMSNormalization's config and
 * refusals.
 */
class SpectralAndRmsNormalizationTest {

    /** The largest singular value of a (rows, cols) matrix, from the eigenvalues of its Gram matrix by power iteration. */
    private static double spectralNorm(Tensor kernel) {
        int[] s = kernel.shape();
        Tensor w = kernel.cast(DType.FLOAT64).reshape(-1, s[s.length - 1]);
        Tensor g = w.transpose().matmul(w);
        Tensor v = Tensor.ones(DType.FLOAT64, g.dim(0), 1);
        for (int i = 0; i < 500; i++) {
            v = g.matmul(v);
            v = v.div(v.norm());
        }
        return Math.sqrt(v.transpose().matmul(g).matmul(v).item());
    }

    @Test
    void trainingCallsDriveTheKernelsSpectralNormToOne() {
        for (SpectralNormalization sn : List.of(new SpectralNormalization(new Dense(5)),
                new SpectralNormalization(new Conv2D(3, 2), 2, null))) {
            Tensor x = sn.layer() instanceof Dense ? Tensor.randomUniform(1, -1, 1, 2, 7)
                    : Tensor.randomUniform(1, -1, 1, 1, 4, 4, 2);
            try (GradMode.Scope s = GradMode.noGrad()) {
                sn.apply(x, false);
                Tensor before = sn.kernel().value().copy();
                sn.apply(x, false);
                assertTrue(before.allClose(sn.kernel().value(), 0, 0), "inference leaves the kernel alone");
                for (int i = 0; i < 60; i++) {
                    sn.apply(x, true);
                }
            }
            assertEquals(1.0, spectralNorm(sn.kernel().value()), 1e-3, sn.describe());
        }
    }

    @Test
    void fitUpdatesVectorUAndKeepsItOutOfTheTrainableWeights() {
        Sequential m = new Sequential();
        m.add(Input.shape(6));
        SpectralNormalization sn = new SpectralNormalization(new Dense(4, "tanh"), 1, "sn");
        m.add(sn);
        m.add(new Dense(1));
        m.compile("sgd", "mse");
        Tensor x = Tensor.randomUniform(3, -1, 1, 16, 6);
        Tensor y = Tensor.randomUniform(4, -1, 1, 16, 1);
        m.build(new int[] {-1, 6});
        Tensor u0 = sn.vectorU().value().copy();
        assertEquals(List.of("kernel", "bias"), sn.trainableWeights().stream().map(v -> v.name()).toList());
        assertEquals(List.of("vector_u"), sn.nonTrainableWeights().stream().map(v -> v.name()).toList());
        assertEquals(List.of("kernel", "vector_u", "bias"), sn.weights().stream().map(v -> v.name()).toList());
        m.fit(x, y, 2, 8);
        assertFalse(u0.allClose(sn.vectorU().value(), 1e-9, 1e-9), "vector_u moves in training");
        assertTrue(Double.isFinite(m.evaluate(x, y).get("loss")));
    }

    /** Keras's trained extra_layers model (EinsumDense, RMSNormalization, SpectralNormalization) through an Airfoil file. */
    @Test
    void aKerasModelWithTheseLayersRoundTripsThroughAnAirfoilFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        dev.airfoil.models.Model m = dev.airfoil.models.Models.load(java.nio.file.Path.of(getClass().getClassLoader()
                .getResource("golden/keras3-files/extra_layers.keras").toURI()));
        Tensor x = Tensor.randomUniform(9, -1, 1, 3, 5, 6);
        Tensor want = m.predict(x);
        m.save(dir.resolve("extra.airfoil"));
        dev.airfoil.models.Model again = dev.airfoil.models.Models.load(dir.resolve("extra.airfoil"));
        assertTrue(again.predict(x).allClose(want, 0, 0), "same predictions after the round trip");
        assertEquals(m.getWeights().size(), again.getWeights().size());
        for (int i = 0; i < m.getWeights().size(); i++) {
            assertTrue(m.getWeights().get(i).allClose(again.getWeights().get(i), 0, 0), "weight " + i);
        }
    }

    @Test
    void spectralNormalizationRefusesWhatKerasRefuses() {
        assertEquals("Layer 'sn0' (SpectralNormalization): power_iterations should be greater than zero, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> new SpectralNormalization(new Dense(2), 0, "sn0")).getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpectralNormalization(new Flatten(), 1, "sn1").apply(Tensor.ones(2, 3)));
        assertTrue(e.getMessage().startsWith("Layer 'sn1' (SpectralNormalization): the wrapped Layer '")
                && e.getMessage().endsWith("(Flatten) has no weight named 'kernel' nor 'embeddings' (it has []);"
                + " wrap a layer such as Dense, Conv2D or Embedding"), e.getMessage());
    }

    @Test
    void spectralNormalizationConfigRoundTripsWithItsWrappedLayer() {
        SpectralNormalization sn = new SpectralNormalization(new Dense(3, "relu", "inner"), 4, "outer");
        Map<String, Object> c = sn.getConfig();
        SpectralNormalization again = (SpectralNormalization) Layers.fromConfig("SpectralNormalization", c);
        assertEquals(c, again.getConfig());
        assertEquals(4, again.powerIterations());
        assertEquals("inner", again.layer().name());
    }

    @Test
    void rmsNormalizationWritesItsAxisAsKerasBeforeAndAfterBuilding() {
        RMSNormalization r = new RMSNormalization();
        assertEquals(-1, r.getConfig().get("axis"));
        assertEquals(1e-6, r.getConfig().get("epsilon"));
        r.apply(Tensor.ones(2, 3));
        assertEquals(List.of(-1), r.getConfig().get("axis"));
        assertEquals("scale", r.weights().get(0).name());
    }

    @Test
    void rmsNormalizationRefusesAxesThatAreNotTheLastOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RMSNormalization(new int[] {1}, 1e-6, "rms").apply(Tensor.ones(2, 3, 4)));
        assertEquals("Layer 'rms' (RMSNormalization): axis [1] must be the last axes of the input (Keras multiplies"
                + " by the scale aligned to the last axes), got input shape (None, 3, 4); permute the input or use"
                + " trailing axes", e.getMessage());
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> new RMSNormalization(new int[] {0}, 1e-6, "rms0").apply(Tensor.ones(2, 3)));
        assertTrue(batch.getMessage().contains("the batch axis cannot be normalized"), batch.getMessage());
    }
}
