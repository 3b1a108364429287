package dev.airfoil.evaluation.trees;

/** The impurity a CART tree minimises when it chooses a split. */
public enum Criterion {
    /** Gini impurity 1 - Σ p_k² (classification). */
    GINI,
    /** Shannon entropy -Σ p_k log₂ p_k (classification). */
    ENTROPY,
    /** Mean squared error around the node mean (regression; same splits as Friedman's MSE). */
    MSE
}
