package dev.airfoil.saving.keras;

/**
 * A Keras model that uses a layer type Airfoil does not implement (or that the caller has not
 * registered with {@link dev.airfoil.layers.Layers#register}). Loading stops before any layer is
 * built, so a model is never returned with a layer missing or silently replaced.
 */
public class UnsupportedKerasLayerException extends KerasFileException {
    private static final long serialVersionUID = 1L;
    private final String layerType;

    /**
     * @param location  where the layer is declared (config path)
     * @param layerType the Keras class name, such as {@code "Conv1D"}
     * @param layerName the layer's name in the file
     */
    public UnsupportedKerasLayerException(String location, String layerType, String layerName) {
        super(location, "layer type " + layerType + " is not supported (layer '" + layerName
                + "'); Airfoil implements " + dev.airfoil.layers.Layers.registry().names()
                + ". Register a custom layer with Layers.register(\"" + layerType + "\", factory) before loading.");
        this.layerType = layerType;
    }

    /** The unsupported Keras class name. */
    public String layerType() {
        return layerType;
    }
}
