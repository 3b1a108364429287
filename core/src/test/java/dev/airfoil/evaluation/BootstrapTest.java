package dev.airfoil.evaluation;

import dev.airfoil.testing.Golden;
import dev.airfoil.data.Dataset;
import dev.airfoil.evaluation.trees.DecisionTreeClassifier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bootstrap intervals against scipy.stats.bootstrap (SciPy 1.10.1, 9,999 resamples, 95%). */
class BootstrapTest {
    private static final JsonNode G = Golden.read("/golden/sklearn/bootstrap.json");

    @Test
    void normalCdfAndQuantileMatchScipy() {
        G.get("normal").get("cdf").properties().forEach(e ->
                assertEquals(e.getValue().asDouble(), Normal.cdf(Double.parseDouble(e.getKey())), 1e-14, e.getKey()));
        G.get("normal").get("ppf").properties().forEach(e ->
                assertEquals(e.getValue().asDouble(), Normal.quantile(Double.parseDouble(e.getKey())), 1e-9, e.getKey()));
    }

    @Test
    void sampleHasOutOfBagComplement() {
        Bootstrap.Sample s = Bootstrap.sample(1000, 3);
        assertEquals(1000, s.inBag().length);
        boolean[] in = new boolean[1000];
        for (int i : s.inBag()) {
            in[i] = true;
        }
        for (int i : s.outOfBag()) {
            assertTrue(!in[i]);
        }
        int distinct = 0;
        for (boolean b : in) {
            distinct += b ? 1 : 0;
        }
        assertEquals(1000, distinct + s.outOfBag().length);
        assertEquals(0.368, s.outOfBag().length / 1000.0, 0.04);   // (1 - 1/n)^n
        assertArrayEquals(s.inBag(), Bootstrap.sample(1000, 3).inBag());
        List<Bootstrap.Sample> many = Bootstrap.samples(50, 3, 1);
        assertTrue(!Arrays.equals(many.get(0).inBag(), many.get(1).inBag()));
    }

    /** Tolerance: 3% of the interval width, as two independent 9,999-resample runs differ by about that. */
    @Test
    void intervalsMatchScipy() {
        double[] data = Golden.doubles(G.get("data"));
        for (String stat : List.of("mean", "median", "std")) {
            for (Bootstrap.Method m : Bootstrap.Method.values()) {
                String key = stat + "_" + (m == Bootstrap.Method.BCA ? "BCa" : "percentile");
                double[] e = Golden.doubles(G.get("intervals").get(key));
                ConfidenceInterval ci = Bootstrap.confidenceInterval(data.length, idx -> statistic(stat, data, idx),
                        9999, 0.95, m, 11);
                double width = e[1] - e[0];
                double tol = (stat.equals("median") ? 0.06 : 0.03) * width;  // the median's replicates are lumpy
                assertEquals(e[0], ci.low(), tol, key + " low " + ci);
                assertEquals(e[1], ci.high(), tol, key + " high " + ci);
                assertEquals(e[2], ci.standardError(), 0.05 * e[2], key + " standard error");
            }
        }
    }

    @Test
    void metricIntervalOfAccuracyMatchesScipy() {
        JsonNode a = G.get("accuracy");
        int[] yt = Golden.ints(a.get("y_true"));
        int[] yp = Golden.ints(a.get("y_pred"));
        for (Bootstrap.Method m : Bootstrap.Method.values()) {
            ConfidenceInterval ci = Bootstrap.metricInterval(Scorer.ACCURACY, Arrays2.labelTensor(yt),
                    Arrays2.labelTensor(yp), 9999, 0.95, m, 5);
            double[] e = Golden.doubles(a.get("intervals").get(m == Bootstrap.Method.BCA ? "BCa" : "percentile"));
            assertEquals(a.get("estimate").asDouble(), ci.estimate(), 1e-12);
            assertEquals(e[0], ci.low(), 0.011, m + " " + ci);   // accuracy moves in steps of 1/200
            assertEquals(e[1], ci.high(), 0.011, m + " " + ci);
        }
    }

    @Test
    void point632EstimatesOrderAsTheory() {
        Dataset iris = Dataset.load("iris");
        Bootstrap.Estimate632 full = Bootstrap.point632(DecisionTreeClassifier::new, iris.x(), iris.y(),
                Bootstrap.PointLoss.ZERO_ONE, 40, 3);
        // a full tree memorises: training error 0, so .632 = 0.632 Err1 and .632+ >= .632
        assertEquals(0.0, full.trainingError());
        assertEquals(0.632 * full.outOfBagError(), full.err632(), 1e-12);
        assertTrue(full.err632plus() >= full.err632() - 1e-12, full.toString());
        assertTrue(full.outOfBagError() > 0.02 && full.outOfBagError() < 0.15, full.toString());
        assertEquals(2.0 / 3, full.noInformation(), 1e-9);   // balanced 3 classes, predictions = labels
        Bootstrap.Estimate632 stump = Bootstrap.point632(DecisionTreeClassifier::stump, iris.x(), iris.y(),
                Bootstrap.PointLoss.ZERO_ONE, 40, 3);
        assertEquals(1.0 / 3, stump.trainingError(), 1e-9);
        assertTrue(stump.relativeOverfitting() < 0.1, stump.toString());
    }

    private static double statistic(String stat, double[] data, int[] idx) {
        double[] v = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            v[i] = data[idx[i]];
        }
        switch (stat) {
            case "mean":
                return Arrays2.mean(v);
            case "std":
                return Arrays2.std(v);
            default:
                Arrays.sort(v);
                int n = v.length;
                return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        }
    }
}
