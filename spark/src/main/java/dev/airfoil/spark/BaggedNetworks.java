package dev.airfoil.spark;

import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.ProbabilisticLearner;
import dev.airfoil.models.Model;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.util.List;

/**
 * A bagging ensemble of neural networks trained as Spark tasks by {@link SparkEvaluation#bagging}:
 * soft voting (the mean of the members' class probabilities) for classification, the mean
 * prediction for regression — exactly what {@code dev.airfoil.evaluation.ensemble.Bagging} predicts
 * with the same factory and seed. {@link #fit} is not supported: the members are already trained.
 */
public final class BaggedNetworks implements ProbabilisticLearner {
    private final List<Model> members;
    private final boolean classifier;
    private final int classes;

    BaggedNetworks(List<Model> members, boolean classifier, int classes) {
        this.members = List.copyOf(members);
        this.classifier = classifier;
        this.classes = classes;
    }

    /** The trained members, in order. */
    public List<Model> members() {
        return members;
    }

    @Override
    public void fit(Tensor x, Tensor y, Tensor sampleWeight) {
        throw new UnsupportedOperationException("the members are trained on Spark; call SparkEvaluation.bagging again");
    }

    @Override
    public Tensor predict(Tensor x) {
        double[] a = aggregate(x);
        if (!classifier) {
            return Arrays2.floatTensor(a);
        }
        int n = x.dim(0);
        int[] lab = new int[n];
        for (int r = 0; r < n; r++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (a[r * classes + c] > a[r * classes + best]) {
                    best = c;
                }
            }
            lab[r] = best;
        }
        return Arrays2.labelTensor(lab);
    }

    @Override
    public Tensor predictProba(Tensor x) {
        if (!classifier) {
            throw new IllegalStateException("predictProba needs a classification ensemble");
        }
        double[] a = aggregate(x);
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return Tensor.of(f, x.dim(0), classes);
    }

    private double[] aggregate(Tensor x) {
        int n = x.dim(0);
        int k = classifier ? classes : 1;
        double[] sum = new double[n * k];
        for (Model m : members) {
            double[] p = memberOutput(m, x, n);
            for (int j = 0; j < sum.length; j++) {
                sum[j] += p[j];
            }
        }
        for (int j = 0; j < sum.length; j++) {
            sum[j] /= members.size();
        }
        return sum;
    }

    private double[] memberOutput(Model m, Tensor x, int n) {
        Tensor out = m.predict(x);
        double[] v = Arrays2.values(out);
        if (!classifier) {
            return v;
        }
        double[] res = new double[n * classes];
        if (out.rank() == 1 || out.rank() == 2 && out.dim(1) == 1) {
            for (int r = 0; r < n; r++) {
                double p = v[r];
                res[r * classes] = (float) (1 - p);
                if (classes > 1) {
                    res[r * classes + 1] = (float) p;
                }
            }
            return res;
        }
        double[] pr = Arrays2.values(out.cast(DType.FLOAT32));
        int kk = pr.length / Math.max(1, n);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < Math.min(classes, kk); c++) {
                res[r * classes + c] = pr[r * kk + c];
            }
        }
        return res;
    }
}
