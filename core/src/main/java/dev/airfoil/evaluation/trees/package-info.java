/**
 * CART decision trees (Breiman et al.) that accept sample weights: {@link
 * dev.airfoil.evaluation.trees.DecisionTreeClassifier} (Gini/entropy, {@code stump()} for AdaBoost) and
 * {@link dev.airfoil.evaluation.trees.DecisionTreeRegressor} (squared error, for gradient boosting).
 * Splits are midpoints between consecutive distinct values, as scikit-learn's, so fitted trees agree
 * with it on the same data.
 */
package dev.airfoil.evaluation.trees;
