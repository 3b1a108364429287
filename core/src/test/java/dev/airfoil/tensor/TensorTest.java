package dev.airfoil.tensor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Creation, conversion, dtype promotion, printing and error messages of {@link Tensor}. */
class TensorTest {

    @Test
    void creation() {
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0}, Tensor.zeros(2, 3).toFloatArray());
        assertArrayEquals(new double[] {7, 7}, Tensor.full(DType.FLOAT64, 7, 2).toDoubleArray());
        assertArrayEquals(new int[] {0, 1, 2, 3}, Tensor.arange(4).toIntArray());
        assertArrayEquals(new float[] {0.5f, 1f, 1.5f}, Tensor.arange(0.5, 2, 0.5).toFloatArray());
        assertArrayEquals(new float[] {1, 0, 0, 1}, Tensor.eye(2).toFloatArray());
        assertEquals(DType.INT64, Tensor.ofLongs(new long[] {1}, 1).dtype());
        assertEquals(DType.BOOL, Tensor.ofBooleans(new boolean[] {true}, 1).dtype());
        Tensor u = Tensor.randomUniform(7, -1, 1, 1000);
        assertTrue(u.min().item() >= -1 && u.max().item() < 1);
        assertTrue(Tensor.randomUniform(7, -1, 1, 1000).allClose(u, 0, 0), "same seed, same values");
        Tensor t = Tensor.truncatedNormal(3, 0, 1, 5000);
        assertTrue(t.abs().max().item() <= 2.0, "truncated at two standard deviations");
        assertEquals(0, Tensor.randomNormal(5, 0, 1, 20000).mean().item(), 0.03);
    }

    /**
     * float32 tanh and sigmoid (computed through the vectorised float64 kernels in parallel blocks) against
     * the formulas in float64 rounded to float32: within one float32 ulp, across several blocks and
     * with the edge values; float64 tensors keep the formulas exactly.
     */
    @Test
    void float32TanhAndSigmoidMatchTheFormulas() {
        int n = 70_001;
        float[] x = new float[n];
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextGaussian() * (i % 2 == 0 ? 3 : 40));
        }
        float[] edges = {0f, -0f, Float.MIN_VALUE, 1e-30f, -1e-30f, 20f, -20f, 89f, -89f, 104f, -104f,
                Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        System.arraycopy(edges, 0, x, 40_000, edges.length);
        Tensor t = Tensor.of(x, n);
        float[] th = t.tanh().toFloatArray();
        float[] sg = t.sigmoid().toFloatArray();
        for (int i = 0; i < n; i++) {
            float wantT = (float) Math.tanh(x[i]);
            float wantS = (float) (x[i] >= 0 ? 1 / (1 + Math.exp(-x[i])) : Math.exp(x[i]) / (1 + Math.exp(x[i])));
            if (Float.isNaN(x[i])) {
                assertTrue(Float.isNaN(th[i]) && Float.isNaN(sg[i]), "NaN stays NaN");
                continue;
            }
            assertEquals(wantT, th[i], Math.ulp(wantT), "tanh at " + x[i]);
            assertEquals(wantS, sg[i], Math.ulp(wantS), "sigmoid at " + x[i]);
            if (x[i] == 0) {
                assertEquals(Float.floatToIntBits(wantT), Float.floatToIntBits(th[i]), "tanh keeps the sign of zero");
            }
        }
        double[] d = {-800, -3, -0.0, 1e-300, 0.5, 710};
        double[] got = Tensor.of(d, d.length).tanh().toDoubleArray();
        for (int i = 0; i < d.length; i++) {
            assertEquals(Double.doubleToLongBits(Math.tanh(d[i])), Double.doubleToLongBits(got[i]), "float64 tanh");
        }
    }

    @Test
    void javaArraysRoundTripAtAnyRank() {
        float[][][] a = {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}};
        Tensor t = Tensor.fromArray(a);
        assertArrayEquals(new int[] {2, 2, 2}, t.shape());
        assertArrayEquals(a, (float[][][]) t.toArray());
        assertArrayEquals(new long[][] {{1, 2}}, (long[][]) Tensor.fromArray(new long[][] {{1, 2}}).toArray());
        assertEquals(DType.FLOAT64, Tensor.fromArray(new double[] {1}).dtype());
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> Tensor.fromArray(new float[][] {{1, 2}, {3}}));
        assertTrue(ragged.getMessage().contains("ragged"), ragged.getMessage());
    }

    @Test
    void promotionFollowsKeras() {
        Tensor i = Tensor.ofInts(new int[] {1, 2}, 2);
        Tensor f = Tensor.of(new float[] {0.5f, 0.5f}, 2);
        assertEquals(DType.FLOAT32, i.add(f).dtype());
        assertEquals(DType.INT32, i.add(i).dtype());
        assertEquals(DType.FLOAT32, i.div(i).dtype(), "true division of integers gives float32");
        assertEquals(DType.FLOAT64, f.add(f.cast(DType.FLOAT64)).dtype());
        assertEquals(DType.FLOAT32, f.mul(2.5).dtype(), "a Java double scalar keeps the tensor's dtype");
        assertEquals(DType.BOOL, f.gt(0).dtype());
    }

    @Test
    void broadcastingAndReshapeErrorsNameTheOperationShapesAndFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2, 3).add(Tensor.ones(4)));
        assertTrue(e.getMessage().startsWith("add:") && e.getMessage().contains("(2, 3)") && e.getMessage().contains("(4,)")
                && e.getMessage().contains("reshape"), e.getMessage());
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2, 3).reshape(4, 2));
        assertTrue(r.getMessage().contains("reshape") && r.getMessage().contains("(4, 2)"), r.getMessage());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2, 3).matmul(Tensor.ones(2, 3)));
        assertTrue(m.getMessage().contains("matmul") && m.getMessage().contains("not aligned"), m.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2).sum(2)).getMessage().contains("axis 2"));
    }

    @Test
    void printsLikeNumpy() {
        assertEquals("tensor([[1., 2.],\n        [3., 4.]])", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).toString());
        assertEquals("tensor([1, 2], dtype=int32)", Tensor.ofInts(new int[] {1, 2}, 2).toString());
        String big = Tensor.zeros(100, 100).toString();
        assertTrue(big.contains("...") && big.contains("shape=(100, 100)") && big.length() < 400, big);
        assertTrue(Tensor.ones(2).requiresGrad(true).mul(2).toString().contains("grad_fn=<mulBackward>"));
    }

    @Test
    void movementAndJoining() {
        Tensor x = Tensor.arange(DType.FLOAT32, 0, 6, 1).reshape(2, 3);
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, x.transpose().toFloatArray());
        assertArrayEquals(new float[] {1, 4}, x.select(1, 1).toFloatArray());
        List<Tensor> parts = x.split(new int[] {1, 2}, 1);
        assertArrayEquals(new int[] {2, 2}, parts.get(1).shape());
        assertTrue(Tensor.concatenate(parts, 1).allClose(x, 0, 0));
        assertArrayEquals(new int[] {3, 2, 3}, Tensor.stack(List.of(x, x, x), 0).shape());
        Tensor oneHot = Tensor.oneHot(Tensor.ofInts(new int[] {2, 0}, 2), 3);
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, oneHot.toFloatArray());
        assertArrayEquals(new long[] {2, 2}, x.argmax(1).toLongArray());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tensor.oneHot(Tensor.ofInts(new int[] {3}, 1), 3))
                .getMessage().contains("outside [0, 3)"));
    }

    @Test
    void matmulFollowsNumpyForEveryRank() {
        Tensor a = Tensor.randomNormal(1, 0, 1, 2, 1, 3, 4);
        Tensor b = Tensor.randomNormal(2, 0, 1, 5, 4, 2);
        assertArrayEquals(new int[] {2, 5, 3, 2}, a.matmul(b).shape());
        assertArrayEquals(new int[] {}, Tensor.ones(4).matmul(Tensor.ones(4)).shape());
        assertEquals(4, Tensor.ones(4).matmul(Tensor.ones(4)).item(), 0);
        assertArrayEquals(new int[] {3}, Tensor.ones(4).matmul(Tensor.ones(4, 3)).shape());
        // the batched product equals a loop of 2-D products
        Tensor batch = a.matmul(b);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 5; j++) {
                Tensor one = a.select(0, i).select(0, 0).matmul(b.select(0, j));
                assertTrue(one.allClose(batch.select(0, i).select(0, j), 1e-5, 1e-6));
            }
        }
    }
}
