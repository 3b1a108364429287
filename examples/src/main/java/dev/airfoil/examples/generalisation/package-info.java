/** Runnable examples of the generalisation toolkit: cross-validation, learning curves, bootstrap, bias-variance, bagging and boosting. */
package dev.airfoil.examples.generalisation;
