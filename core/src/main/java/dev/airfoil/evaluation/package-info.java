/**
 * Tools to judge and improve how a model generalises, for neural networks and classic learners alike.
 *
 * <ul>
 *   <li>{@link dev.airfoil.evaluation.Learner}: the contract ({@code fit(x, y, sampleWeight)},
 *       {@code predict(x)}); {@link dev.airfoil.evaluation.ModelLearner} wraps a factory of compiled
 *       Keras-style models; {@link dev.airfoil.evaluation.Scorer}: accuracy, MSE, R², ...</li>
 *   <li>Splits: {@link dev.airfoil.evaluation.Splits} (seeded, stratified train/validation/test),
 *       {@link dev.airfoil.evaluation.KFold}, {@link dev.airfoil.evaluation.StratifiedKFold},
 *       {@link dev.airfoil.evaluation.GroupKFold}, {@link dev.airfoil.evaluation.RepeatedKFold},
 *       {@link dev.airfoil.evaluation.LeaveOneOut}; {@link dev.airfoil.evaluation.CrossValidation}
 *       runs folds in parallel with results identical to a serial run.</li>
 *   <li>{@link dev.airfoil.evaluation.LearningCurves}: per-epoch curves from a training history with an
 *       under-/over-fitting diagnosis, and curves over training-set size; PNG/SVG plots.</li>
 *   <li>{@link dev.airfoil.evaluation.Bootstrap}: resampling with out-of-bag indices, percentile and
 *       BCa confidence intervals, the .632 and .632+ estimates.</li>
 *   <li>{@link dev.airfoil.evaluation.BiasVariance}: bias²/variance decomposition for squared error
 *       and 0-1 loss.</li>
 *   <li>Sub-packages: {@code trees} (CART decision trees and stumps) and {@code ensemble} (bagging,
 *       AdaBoost, gradient boosting).</li>
 * </ul>
 *
 * <p>Every random choice takes a seed; parallel work derives one seed per task with
 * {@link dev.airfoil.evaluation.SeedStreams}.
 */
package dev.airfoil.evaluation;
