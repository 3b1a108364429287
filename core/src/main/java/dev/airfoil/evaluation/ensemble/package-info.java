/**
 * Ensembles over any {@link dev.airfoil.evaluation.Learner}: {@link
 * dev.airfoil.evaluation.ensemble.Bagging} (bootstrap samples, optional feature subsets, voting or
 * averaging, out-of-bag score), {@link dev.airfoil.evaluation.ensemble.AdaBoostClassifier} (SAMME),
 * {@link dev.airfoil.evaluation.ensemble.AdaBoostRegressor} (AdaBoost.R2) and gradient boosting
 * ({@link dev.airfoil.evaluation.ensemble.GradientBoostingRegressor},
 * {@link dev.airfoil.evaluation.ensemble.GradientBoostingClassifier}) over the built-in CART trees or
 * small neural networks.
 */
package dev.airfoil.evaluation.ensemble;
