/**
 * Metrics, one class per Keras 3 metric ({@code keras.metrics}), with Keras's stateful API:
 * {@link dev.airfoil.metrics.Metric#updateState}, {@link dev.airfoil.metrics.Metric#result},
 * {@link dev.airfoil.metrics.Metric#resetState}.
 *
 * <p>Provided: {@link dev.airfoil.metrics.Mean}, {@link dev.airfoil.metrics.Sum},
 * {@link dev.airfoil.metrics.MeanMetricWrapper}; the accuracy family; {@link dev.airfoil.metrics.Precision},
 * {@link dev.airfoil.metrics.Recall}, {@link dev.airfoil.metrics.AUC}, {@link dev.airfoil.metrics.F1Score},
 * {@link dev.airfoil.metrics.FBetaScore} and the four confusion-matrix counts; the regression metrics
 * including {@link dev.airfoil.metrics.R2Score}; the cross-entropy metrics. Values match Keras 3.15.1 on
 * {@code core/src/test/resources/golden/training/metrics.json}. Metrics never record gradients and
 * accumulate in double precision. {@link dev.airfoil.metrics.Metrics} resolves names, and reproduces how
 * {@code compile} resolves {@code "accuracy"}.
 *
 * <p>Not yet provided: IoU metrics, PrecisionAtRecall-style metrics, CosineSimilarity, LogCoshError,
 * Pearson/Concordance correlation, KLDivergence/Poisson/hinge metrics.
 */
package dev.airfoil.metrics;
