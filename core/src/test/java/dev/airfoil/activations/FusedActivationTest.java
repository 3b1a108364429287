package dev.airfoil.activations;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The float32 fused activations against their formulas in float64 (the path the gradient checks and the
 * Keras goldens cover): values and gradients over a wide range of inputs, long arrays split across
 * threads, a row view read in place, and the switch back to the formulas.
 */
class FusedActivationTest {
    private static final Activation[] FUSED = {Activations.tanh(), Activations.sigmoid(), Activations.silu(),
        Activations.gelu(), Activations.gelu(true), Activations.elu(), Activations.elu(0.5), Activations.selu(),
        Activations.leakyRelu(), Activations.leakyRelu(0.01), Activations.softplus(), Activations.mish()};

    /** Inputs: mostly N(0, 3), some up to ±40 and ±1e20, with zeros of both signs, ±∞ and NaN among them. */
    private static float[] inputs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (i % 97 == 0 ? r.nextDouble(-40, 40) : i % 389 == 0 ? r.nextDouble(-1, 1) * 1e20
                    : r.nextGaussian() * 3);
        }
        float[] edges = {0f, -0f, Float.MIN_VALUE, 1e-30f, -1e-30f, 87.9f, -87.9f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN};
        System.arraycopy(edges, 0, x, 0, Math.min(n, edges.length));
        return x;
    }

    /** {@code {f(x), d/dx Σ f(x)·w}} of a float32 or float64 copy of {@code x}, as doubles. */
    private static double[][] valueAndGrad(Activation a, float[] x, float[] w, DType dtype) {
        Tensor xt = Tensor.wrap(x.clone(), x.length).cast(dtype).requiresGrad(true);
        Tensor y = a.apply(xt);
        y.mul(Tensor.wrap(w, w.length).cast(dtype)).sum().backward();
        return new double[][] {y.toDoubleArray(), xt.grad().toDoubleArray()};
    }

    private static void close(double want, double got, double rtol, double atol, String what) {
        boolean ok = Double.isNaN(want) ? Double.isNaN(got)
                : Double.isInfinite(want) ? want == got : Math.abs(got - want) <= atol + rtol * Math.abs(want);
        if (!ok) {
            fail(what + ": expected " + want + " but was " + got);
        }
    }

    @Test
    void valuesAndGradientsMatchTheFormulasInFloat64() {
        for (int n : new int[] {1, 7, 8, 10, 17, 515, 40_003}) {
            float[] x = inputs(n, n);
            float[] w = new float[n];
            SplittableRandom r = new SplittableRandom(n + 1);
            for (int i = 0; i < n; i++) {
                w[i] = (float) r.nextGaussian();
            }
            for (Activation a : FUSED) {
                assertNotNull(FusedActivation.of(a), a.toString());
                double[][] got = valueAndGrad(a, x, w, DType.FLOAT32);
                double[][] want = valueAndGrad(a, x, w, DType.FLOAT64);
                for (int i = 0; i < n; i++) {
                    String what = a + " at " + x[i] + " (n " + n + ")";
                    close(want[0][i], got[0][i], 1e-5, 1e-7, what + " value");
                    if (Float.isFinite(x[i])) {
                        close(want[1][i], got[1][i], 1e-5, 1e-6, what + " gradient");
                    }
                }
            }
        }
    }

    @Test
    void tanhKeepsTheSignOfZeroAndSaturates() {
        Tensor y = Activations.tanh().apply(Tensor.wrap(new float[] {-0f, 0f, 30f, -30f}, 4));
        float[] v = y.floatData();
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(v[0]));
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(v[1]));
        assertEquals(1f, v[2]);
        assertEquals(-1f, v[3]);
    }

    @Test
    void aRowViewIsReadFromItsOffset() {
        float[] x = inputs(60, 3);
        for (int i = 0; i < x.length; i++) {
            x[i] = Float.isFinite(x[i]) ? x[i] : 1f;
        }
        Tensor all = Tensor.wrap(x, 20, 3);
        Tensor view = all.rowsView(5, 12);
        for (Activation a : FUSED) {
            float[] got = a.apply(view).floatData();
            float[] want = a.apply(all.slice(0, 5, 12)).floatData();
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], a + " element " + i);
            }
        }
        assertEquals(15, view.storageOffset(), "the view was read in place");
    }

    @Test
    void theSwitchRestoresTheFormulasAndOthersHaveNoFusedForm() {
        assertNull(FusedActivation.of(Activations.softsign()));
        assertNull(FusedActivation.of(Activations.relu()));
        Tensor x = Tensor.wrap(new float[] {-1f, 0.5f, 2f}, 3).requiresGrad(true);
        assertEquals("gelu", Activations.gelu().apply(x).gradFn().op());
        boolean saved = FusedActivation.enabled;
        FusedActivation.enabled = false;
        try {
            assertNull(FusedActivation.of(Activations.gelu()));
            assertTrue(!"gelu".equals(Activations.gelu().apply(x).gradFn().op()), "the formula's last operation");
        } finally {
            FusedActivation.enabled = saved;
        }
    }
}
