package dev.airfoil.evaluation;

import dev.airfoil.visualization.LineChart;

import java.util.Locale;

/**
 * A learning curve over training-set size: mean ± standard deviation of a score on the training
 * subsets and on the validation folds, per size.
 *
 * @param scorer    the score's name
 * @param sizes     training-set sizes
 * @param trainMean mean training score per size
 * @param trainStd  standard deviation of the training score
 * @param valMean   mean validation score per size
 * @param valStd    standard deviation of the validation score
 */
public record SizeCurve(String scorer, int[] sizes, double[] trainMean, double[] trainStd, double[] valMean,
                        double[] valStd) {
    /** Copies the arrays. */
    public SizeCurve {
        sizes = sizes.clone();
        trainMean = trainMean.clone();
        trainStd = trainStd.clone();
        valMean = valMean.clone();
        valStd = valStd.clone();
    }

    /** A chart of training and validation score against training-set size. */
    public LineChart chart(String title) {
        double[] x = new double[sizes.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = sizes[i];
        }
        return new LineChart(title).xLabel("training examples").yLabel(scorer)
                .addSeries("train " + scorer, x, trainMean)
                .addSeries("validation " + scorer, x, valMean);
    }

    /** A table: size, train mean ± std, validation mean ± std. */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%8s  %-17s  %-17s%n", "size",
                "train " + scorer, "val " + scorer));
        for (int i = 0; i < sizes.length; i++) {
            sb.append(String.format(Locale.ROOT, "%8d  %.4f ± %.4f    %.4f ± %.4f%n", sizes[i], trainMean[i],
                    trainStd[i], valMean[i], valStd[i]));
        }
        return sb.toString();
    }
}
