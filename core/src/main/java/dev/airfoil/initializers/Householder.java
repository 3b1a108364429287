package dev.airfoil.initializers;

/** Package-private: the reduced QR factorisation by Householder reflections, in double precision. */
final class Householder {
    private Householder() {
    }

    /**
     * The {@code m x k} factor {@code Q} of the reduced QR factorisation of the row-major
     * {@code m x k} matrix {@code a} ({@code m >= k}), with each column multiplied by the sign of
     * the matching diagonal entry of {@code R} (NumPy's sign: 0 for a zero diagonal).
     */
    static double[] orthonormalColumns(double[] a, int m, int k) {
        double[] r = a.clone();
        double[][] vs = new double[k][];
        for (int j = 0; j < k; j++) {
            double norm = 0;
            for (int i = j; i < m; i++) {
                norm += r[i * k + j] * r[i * k + j];
            }
            norm = Math.sqrt(norm);
            double[] v = new double[m - j];
            if (norm == 0) {
                vs[j] = v;
                continue;
            }
            double alpha = r[j * k + j] >= 0 ? -norm : norm;
            for (int i = j; i < m; i++) {
                v[i - j] = r[i * k + j];
            }
            v[0] -= alpha;
            double vnorm2 = 0;
            for (double x : v) {
                vnorm2 += x * x;
            }
            if (vnorm2 == 0) {
                vs[j] = new double[m - j];
                continue;
            }
            for (int c = j; c < k; c++) {
                double dot = 0;
                for (int i = j; i < m; i++) {
                    dot += v[i - j] * r[i * k + c];
                }
                double f = 2 * dot / vnorm2;
                for (int i = j; i < m; i++) {
                    r[i * k + c] -= f * v[i - j];
                }
            }
            vs[j] = scale(v, 1 / Math.sqrt(vnorm2));
        }
        // Q = H_0 H_1 ... H_{k-1} applied to the first k columns of the identity.
        double[] q = new double[m * k];
        for (int c = 0; c < k; c++) {
            q[c * k + c] = 1;
        }
        for (int j = k - 1; j >= 0; j--) {
            double[] v = vs[j];
            for (int c = 0; c < k; c++) {
                double dot = 0;
                for (int i = j; i < m; i++) {
                    dot += v[i - j] * q[i * k + c];
                }
                for (int i = j; i < m; i++) {
                    q[i * k + c] -= 2 * dot * v[i - j];
                }
            }
        }
        for (int c = 0; c < k; c++) {
            double s = Math.signum(r[c * k + c]);
            for (int i = 0; i < m; i++) {
                q[i * k + c] *= s;
            }
        }
        return q;
    }

    private static double[] scale(double[] v, double f) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= f;
        }
        return v;
    }
}
