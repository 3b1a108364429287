/**
 * Models, built the three Keras ways: functional {@link dev.airfoil.models.Model}, {@link dev.airfoil.models.Sequential}
 * and subclassing; Keras-format {@code summary()}, {@code plot_model} ({@link dev.airfoil.models.ModelPlot}),
 * configs ({@link dev.airfoil.models.Models}, {@link dev.airfoil.models.ModelConfigs}), saving and loading.
 */
package dev.airfoil.models;
