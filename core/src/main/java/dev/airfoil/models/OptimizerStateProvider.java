package dev.airfoil.models;

/** Implemented by compiled models: how many scalars the built optimizer holds (-1 when not built). */
interface OptimizerStateProvider {
    long optimizerParamCount();
}
