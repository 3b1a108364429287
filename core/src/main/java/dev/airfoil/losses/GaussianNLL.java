package dev.airfoil.losses;

import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Negative log-likelihood of targets under a diagonal Gaussian whose mean and variance the model
 * predicts, for maximum-likelihood (heteroscedastic) regression. Modelled on PyTorch's
 * {@code GaussianNLLLoss(full, eps)}, adapted to the Keras {@code (y_true, y_pred)} signature.
 *
 * <p>{@code y_pred} packs both parameters along its last axis: for targets of shape {@code (batch, d)}
 * it has shape {@code (batch, 2d)}, the first {@code d} entries being the means and the last {@code d}
 * the variances (or log-variances). Targets of shape {@code (batch,)} pair with {@code y_pred} of shape
 * {@code (batch, 2)}. Per component
 * <pre>{@code
 * nll = 0.5 * (log(var) + (y_true - mean)^2 / var)   [+ 0.5 * log(2 * pi) when full]
 * }</pre>
 * and the per-sample value is the sum over the {@code d} components (the joint negative log-likelihood of
 * the sample).
 *
 * <p>Arguments:
 * <ul>
 *   <li>{@code parameterization}: {@code "variance"} (default; the second half is the variance, clamped
 *       below at {@code epsilon} — use a softplus or exp output activation to keep it positive) or
 *       {@code "log_variance"} (the second half is {@code log(var)}; unconstrained and numerically
 *       the most stable choice).</li>
 *   <li>{@code full} (default false): include the constant {@code 0.5 * log(2 * pi)}.</li>
 *   <li>{@code epsilon} (default 1e-6, PyTorch's {@code eps}): the variance floor for
 *       {@code "variance"}. Unlike PyTorch, the gradient below the floor is zero.</li>
 * </ul>
 *
 * <pre>{@code
 * // model output: Dense(2 * d) — means and log-variances
 * Loss nll = new GaussianNLL(GaussianNLL.LOG_VARIANCE, false, 1e-6);
 * }</pre>
 */
public class GaussianNLL extends Loss {
    /** The second half of {@code y_pred} holds variances. */
    public static final String VARIANCE = "variance";
    /** The second half of {@code y_pred} holds log-variances. */
    public static final String LOG_VARIANCE = "log_variance";

    private final String parameterization;
    private final boolean full;
    private final double epsilon;

    /** Variances, no constant term, {@code epsilon = 1e-6}. */
    public GaussianNLL() {
        this(VARIANCE, false, 1e-6);
    }

    /**
     * @param parameterization {@link #VARIANCE} or {@link #LOG_VARIANCE}
     * @param full             whether to add {@code 0.5 * log(2 * pi)} per component
     * @param epsilon          the variance floor
     */
    public GaussianNLL(String parameterization, boolean full, double epsilon) {
        this(parameterization, full, epsilon, null, SUM_OVER_BATCH_SIZE);
    }

    /**
     * @param parameterization {@link #VARIANCE} or {@link #LOG_VARIANCE}
     * @param full             whether to add {@code 0.5 * log(2 * pi)} per component
     * @param epsilon          the variance floor
     * @param name             the loss name (null for {@code "gaussian_nll"})
     * @param reduction        see {@link Loss}
     */
    public GaussianNLL(String parameterization, boolean full, double epsilon, String name, String reduction) {
        super(name, reduction, "gaussian_nll");
        if (!VARIANCE.equals(parameterization) && !LOG_VARIANCE.equals(parameterization)) {
            throw new IllegalArgumentException("GaussianNLL: parameterization must be 'variance' or 'log_variance',"
                    + " got '" + parameterization + "'");
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("GaussianNLL: epsilon must be positive, got " + epsilon);
        }
        this.parameterization = parameterization;
        this.full = full;
        this.epsilon = epsilon;
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor y = LossUtils.as(yPred, LossUtils.computeType(yPred));
        Tensor t = LossUtils.as(yTrue, y.dtype());
        if (t.rank() == y.rank() - 1) {
            t = t.unsqueeze(-1);
        }
        int d = t.rank() == 0 ? 1 : t.dim(-1);
        if (y.rank() == 0 || t.rank() != y.rank() || y.dim(-1) != 2 * d) {
            throw new IllegalArgumentException("GaussianNLL: y_pred must hold a mean and a "
                    + parameterization.replace('_', '-') + " per target component along its last axis, i.e. shape "
                    + "(..., 2 * d) for y_true of shape (..., d); received y_true.shape=" + Shape.keras(yTrue.shape())
                    + " and y_pred.shape=" + Shape.keras(yPred.shape()) + ". Give the output layer 2 * d units.");
        }
        Tensor mean = y.slice(-1, 0, d);
        Tensor second = y.slice(-1, d, 2 * d);
        Tensor sq = t.sub(mean).square();
        Tensor nll;
        if (VARIANCE.equals(parameterization)) {
            Tensor var = second.maximum(epsilon);
            nll = var.log().add(sq.div(var)).mul(0.5);
        } else {
            nll = second.add(sq.mul(second.neg().exp())).mul(0.5);
        }
        if (full) {
            nll = nll.add(0.5 * Math.log(2 * Math.PI));
        }
        return nll.sum(-1);
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("parameterization", parameterization);
        config.put("full", full);
        config.put("epsilon", epsilon);
    }
}
