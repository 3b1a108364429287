/**
 * Saving and loading: the config schema and registries shared by every Keras-style object
 * ({@link dev.airfoil.saving.Configurable}, {@link dev.airfoil.saving.ConfigMap},
 * {@link dev.airfoil.saving.Registry}), and Airfoil's own model file.
 *
 * <ul>
 *   <li>{@link dev.airfoil.saving.ModelArchive} — the {@code .airfoil} zip: {@code metadata.json},
 *       {@code config.json} (Keras schema plus {@code compile_config}),
 *       {@code model.weights.safetensors}, {@code optimizer.safetensors}, {@code training.json};
 *       behind {@code model.save}, {@code Models.load}, {@code saveWeights} / {@code loadWeights}.</li>
 *   <li>{@link dev.airfoil.saving.SafeTensors} — the safetensors layout, read with every offset,
 *       size and dtype checked.</li>
 *   <li>{@link dev.airfoil.saving.ModelFileLimits} and
 *       {@link dev.airfoil.saving.InvalidModelFileException} — loading never trusts a file: sizes
 *       are capped before allocating, names resolve only through registries, and every rejection
 *       names the entry, the field and the limit.</li>
 *   <li>{@code dev.airfoil.saving.keras} — Keras {@code .keras} / {@code .h5} import and export.</li>
 * </ul>
 *
 * <p>Writes go through {@link dev.airfoil.utils.AtomicFiles}: a crash never leaves a half-written
 * file.
 */
package dev.airfoil.saving;
