package dev.airfoil.evaluation;

import java.util.Locale;

/**
 * The verdict on a training run's learning curves, with the numbers behind it
 * (see {@link EpochCurves#diagnose(double, double, double)} for the rules).
 *
 * @param verdict            under-fit, over-fit or balanced
 * @param overfitFromEpoch   1-based epoch from which the validation loss rises (over-fit), else -1
 * @param bestEpoch          1-based epoch of the lowest validation loss (-1 without validation)
 * @param bestValLoss        the lowest validation loss (NaN without validation)
 * @param finalTrainLoss     training loss at the last epoch
 * @param finalValLoss       validation loss at the last epoch (NaN without validation)
 * @param gap                final validation loss minus final training loss
 * @param valRise            (final - best) / best validation loss
 * @param trainLossRatio     final training loss / reference loss
 * @param recentImprovement  relative drop of the training loss over the last quarter of the epochs
 * @param explanation        a sentence with the numbers
 */
public record Diagnosis(Verdict verdict, int overfitFromEpoch, int bestEpoch, double bestValLoss,
                        double finalTrainLoss, double finalValLoss, double gap, double valRise,
                        double trainLossRatio, double recentImprovement, String explanation) {

    /** The verdict. */
    public enum Verdict {
        /** High bias: the training loss stays high or is still falling fast. */
        UNDERFIT,
        /** High variance: the validation loss rose well above its minimum while training went on. */
        OVERFIT,
        /** Neither. */
        BALANCED
    }

    @Override
    public String toString() {
        return verdict + ": " + explanation;
    }

    static String fmt(String f, Object... a) {
        return String.format(Locale.ROOT, f, a);
    }
}
