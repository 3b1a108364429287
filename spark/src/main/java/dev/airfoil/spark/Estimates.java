package dev.airfoil.spark;

import dev.airfoil.evaluation.Bootstrap;

import java.util.List;

/**
 * The .632 / .632+ arithmetic of {@code Bootstrap.point632}, applied to predictions gathered from
 * Spark tasks (package-private; same formulas, same order of operations, so the same doubles).
 */
final class Estimates {
    private Estimates() {
    }

    static Bootstrap.Estimate632 point632(double[] yv, double[] full, List<double[]> oob, Bootstrap.PointLoss loss,
                                          int rounds) {
        int n = yv.length;
        double err = 0;
        for (int i = 0; i < n; i++) {
            err += loss.loss(yv[i], full[i]);
        }
        err /= n;
        double err1 = 0;
        int counted = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            int c = 0;
            for (int r = 0; r < rounds; r++) {
                double v = oob.get(r)[i];
                if (!Double.isNaN(v)) {
                    s += v;
                    c++;
                }
            }
            if (c > 0) {
                err1 += s / c;
                counted++;
            }
        }
        err1 = counted == 0 ? err : err1 / counted;
        double gamma = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                gamma += loss.loss(yv[i], full[j]);
            }
        }
        gamma /= (double) n * n;
        double err1p = Math.min(err1, gamma);
        double r = (err1p > err && gamma > err) ? (err1p - err) / (gamma - err) : 0;
        r = Math.max(0, Math.min(1, r));
        double w = 0.632 / (1 - 0.368 * r);
        double e632 = 0.368 * err + 0.632 * err1;
        double e632p = (1 - w) * err + w * err1p;
        return new Bootstrap.Estimate632(err, err1, gamma, r, e632, e632p, rounds);
    }
}
