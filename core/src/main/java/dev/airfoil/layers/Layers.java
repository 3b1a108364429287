package dev.airfoil.layers;

import dev.airfoil.layers.activation.ELU;
import dev.airfoil.layers.activation.LeakyReLU;
import dev.airfoil.layers.activation.PReLU;
import dev.airfoil.layers.activation.ReLU;
import dev.airfoil.layers.activation.Softmax;
import dev.airfoil.layers.convolutional.*;
import dev.airfoil.layers.pooling.*;
import dev.airfoil.layers.normalization.*;
import dev.airfoil.layers.core.ActivationLayer;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.core.Identity;
import dev.airfoil.layers.merging.Add;
import dev.airfoil.layers.merging.Average;
import dev.airfoil.layers.merging.Concatenate;
import dev.airfoil.layers.merging.Dot;
import dev.airfoil.layers.merging.Maximum;
import dev.airfoil.layers.merging.Minimum;
import dev.airfoil.layers.merging.Multiply;
import dev.airfoil.layers.merging.Subtract;
import dev.airfoil.layers.regularization.Dropout;
import dev.airfoil.layers.reshaping.Flatten;
import dev.airfoil.layers.reshaping.Reshape;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.saving.Registry;

import java.util.Map;
import java.util.function.Function;

/**
 * The registry of layer classes by Keras class name — the only way a config or a file names a
 * layer. Custom layers are added with {@link #register} before loading.
 */
public final class Layers {
    private static final Registry<Layer> REGISTRY = new Registry<>("layer");

    static {
        REGISTRY.register("InputLayer", withBase(InputLayer::fromConfig))
                .register("Dense", withBase(Dense::fromConfig))
                .register("Activation", withBase(ActivationLayer::fromConfig))
                .register("Identity", withBase(Identity::fromConfig))
                .register("Flatten", withBase(Flatten::fromConfig))
                .register("Reshape", withBase(Reshape::fromConfig))
                .register("Dropout", withBase(Dropout::fromConfig))
                .register("Concatenate", withBase(Concatenate::fromConfig))
                .register("Add", withBase(Add::fromConfig))
                .register("Subtract", withBase(Subtract::fromConfig))
                .register("Multiply", withBase(Multiply::fromConfig))
                .register("Average", withBase(Average::fromConfig))
                .register("Maximum", withBase(Maximum::fromConfig))
                .register("Minimum", withBase(Minimum::fromConfig))
                .register("Dot", withBase(Dot::fromConfig))
                .register("ReLU", withBase(ReLU::fromConfig))
                .register("LeakyReLU", withBase(LeakyReLU::fromConfig))
                .register("PReLU", withBase(PReLU::fromConfig))
                .register("ELU", withBase(ELU::fromConfig))
                .register("Softmax", withBase(Softmax::fromConfig))
                .register("Conv1D", withBase(Conv1D::fromConfig))
                .register("Conv2D", withBase(Conv2D::fromConfig))
                .register("Conv3D", withBase(Conv3D::fromConfig))
                .register("Conv1DTranspose", withBase(Conv1DTranspose::fromConfig))
                .register("Conv2DTranspose", withBase(Conv2DTranspose::fromConfig))
                .register("Conv3DTranspose", withBase(Conv3DTranspose::fromConfig))
                .register("DepthwiseConv1D", withBase(DepthwiseConv1D::fromConfig))
                .register("DepthwiseConv2D", withBase(DepthwiseConv2D::fromConfig))
                .register("SeparableConv1D", withBase(SeparableConv1D::fromConfig))
                .register("SeparableConv2D", withBase(SeparableConv2D::fromConfig))
                .register("MaxPooling1D", withBase(MaxPooling1D::fromConfig))
                .register("MaxPooling2D", withBase(MaxPooling2D::fromConfig))
                .register("MaxPooling3D", withBase(MaxPooling3D::fromConfig))
                .register("AveragePooling1D", withBase(AveragePooling1D::fromConfig))
                .register("AveragePooling2D", withBase(AveragePooling2D::fromConfig))
                .register("AveragePooling3D", withBase(AveragePooling3D::fromConfig))
                .register("AdaptiveAveragePooling1D", withBase(dev.airfoil.layers.pooling.AdaptiveAveragePooling1D::fromConfig))
                .register("AdaptiveAveragePooling2D", withBase(dev.airfoil.layers.pooling.AdaptiveAveragePooling2D::fromConfig))
                .register("AdaptiveAveragePooling3D", withBase(dev.airfoil.layers.pooling.AdaptiveAveragePooling3D::fromConfig))
                .register("AdaptiveMaxPooling1D", withBase(dev.airfoil.layers.pooling.AdaptiveMaxPooling1D::fromConfig))
                .register("AdaptiveMaxPooling2D", withBase(dev.airfoil.layers.pooling.AdaptiveMaxPooling2D::fromConfig))
                .register("AdaptiveMaxPooling3D", withBase(dev.airfoil.layers.pooling.AdaptiveMaxPooling3D::fromConfig))
                .register("GlobalMaxPooling1D", withBase(GlobalMaxPooling1D::fromConfig))
                .register("GlobalMaxPooling2D", withBase(GlobalMaxPooling2D::fromConfig))
                .register("GlobalMaxPooling3D", withBase(GlobalMaxPooling3D::fromConfig))
                .register("GlobalAveragePooling1D", withBase(GlobalAveragePooling1D::fromConfig))
                .register("GlobalAveragePooling2D", withBase(GlobalAveragePooling2D::fromConfig))
                .register("GlobalAveragePooling3D", withBase(GlobalAveragePooling3D::fromConfig))
                .register("BatchNormalization", withBase(BatchNormalization::fromConfig))
                .register("LayerNormalization", withBase(LayerNormalization::fromConfig))
                .register("GroupNormalization", withBase(GroupNormalization::fromConfig))
                .register("UnitNormalization", withBase(UnitNormalization::fromConfig))
                .register("RMSNormalization", withBase(RMSNormalization::fromConfig))
                .register("SpectralNormalization", withBase(SpectralNormalization::fromConfig))
                .register("SpatialDropout1D", withBase(dev.airfoil.layers.regularization.SpatialDropout1D::fromConfig))
                .register("SpatialDropout2D", withBase(dev.airfoil.layers.regularization.SpatialDropout2D::fromConfig))
                .register("SpatialDropout3D", withBase(dev.airfoil.layers.regularization.SpatialDropout3D::fromConfig))
                .register("GaussianNoise", withBase(dev.airfoil.layers.regularization.GaussianNoise::fromConfig))
                .register("GaussianDropout", withBase(dev.airfoil.layers.regularization.GaussianDropout::fromConfig))
                .register("AlphaDropout", withBase(dev.airfoil.layers.regularization.AlphaDropout::fromConfig))
                .register("ActivityRegularization", withBase(dev.airfoil.layers.regularization.ActivityRegularization::fromConfig))
                .register("Permute", withBase(dev.airfoil.layers.reshaping.Permute::fromConfig))
                .register("RepeatVector", withBase(dev.airfoil.layers.reshaping.RepeatVector::fromConfig))
                .register("Cropping1D", withBase(dev.airfoil.layers.reshaping.Cropping1D::fromConfig))
                .register("Cropping2D", withBase(dev.airfoil.layers.reshaping.Cropping2D::fromConfig))
                .register("Cropping3D", withBase(dev.airfoil.layers.reshaping.Cropping3D::fromConfig))
                .register("UpSampling1D", withBase(dev.airfoil.layers.reshaping.UpSampling1D::fromConfig))
                .register("UpSampling2D", withBase(dev.airfoil.layers.reshaping.UpSampling2D::fromConfig))
                .register("UpSampling3D", withBase(dev.airfoil.layers.reshaping.UpSampling3D::fromConfig))
                .register("ZeroPadding1D", withBase(dev.airfoil.layers.reshaping.ZeroPadding1D::fromConfig))
                .register("ZeroPadding2D", withBase(dev.airfoil.layers.reshaping.ZeroPadding2D::fromConfig))
                .register("ZeroPadding3D", withBase(dev.airfoil.layers.reshaping.ZeroPadding3D::fromConfig))
                .register("EinsumDense", withBase(dev.airfoil.layers.core.EinsumDense::fromConfig))
                .register("Embedding", withBase(dev.airfoil.layers.core.Embedding::fromConfig))
                .register("Masking", withBase(dev.airfoil.layers.core.Masking::fromConfig))
                .register("Lambda", withBase(dev.airfoil.layers.core.Lambda::fromConfig))
                .register("SimpleRNN", withBase(dev.airfoil.layers.recurrent.SimpleRNN::fromConfig))
                .register("LSTM", withBase(dev.airfoil.layers.recurrent.LSTM::fromConfig))
                .register("GRU", withBase(dev.airfoil.layers.recurrent.GRU::fromConfig))
                .register("Bidirectional", withBase(dev.airfoil.layers.recurrent.Bidirectional::fromConfig))
                .register("RNN", withBase(dev.airfoil.layers.recurrent.RNN::fromConfig))
                .register("ConvLSTM1D", withBase(dev.airfoil.layers.recurrent.ConvLSTM1D::fromConfig))
                .register("ConvLSTM2D", withBase(dev.airfoil.layers.recurrent.ConvLSTM2D::fromConfig))
                .register("ConvLSTM3D", withBase(dev.airfoil.layers.recurrent.ConvLSTM3D::fromConfig))
                .register("SimpleRNNCell", withBase(dev.airfoil.layers.recurrent.SimpleRNNCell::fromConfig))
                .register("LSTMCell", withBase(dev.airfoil.layers.recurrent.LSTMCell::fromConfig))
                .register("GRUCell", withBase(dev.airfoil.layers.recurrent.GRUCell::fromConfig))
                .register("StackedRNNCells", withBase(dev.airfoil.layers.recurrent.StackedRNNCells::fromConfig))
                .register("TimeDistributed", withBase(dev.airfoil.layers.recurrent.TimeDistributed::fromConfig))
                .register("Attention", withBase(dev.airfoil.layers.attention.Attention::fromConfig))
                .register("AdditiveAttention", withBase(dev.airfoil.layers.attention.AdditiveAttention::fromConfig))
                .register("MultiHeadAttention", withBase(dev.airfoil.layers.attention.MultiHeadAttention::fromConfig))
                .register("Normalization", withBase(dev.airfoil.layers.preprocessing.Normalization::fromConfig))
                .register("Rescaling", withBase(dev.airfoil.layers.preprocessing.Rescaling::fromConfig))
                .register("CenterCrop", withBase(dev.airfoil.layers.preprocessing.CenterCrop::fromConfig))
                .register("Resizing", withBase(dev.airfoil.layers.preprocessing.Resizing::fromConfig))
                .register("CategoryEncoding", withBase(dev.airfoil.layers.preprocessing.CategoryEncoding::fromConfig))
                .register("Discretization", withBase(dev.airfoil.layers.preprocessing.Discretization::fromConfig))
                .register("RandomFlip", withBase(dev.airfoil.layers.preprocessing.RandomFlip::fromConfig))
                .register("RandomContrast", withBase(dev.airfoil.layers.preprocessing.RandomContrast::fromConfig))
                .register("RandomTranslation", withBase(dev.airfoil.layers.preprocessing.RandomTranslation::fromConfig))
                .register("RandomZoom", withBase(dev.airfoil.layers.preprocessing.RandomZoom::fromConfig))
                .register("RandomRotation", withBase(dev.airfoil.layers.preprocessing.RandomRotation::fromConfig))
                .register("RandomCrop", withBase(dev.airfoil.layers.preprocessing.RandomCrop::fromConfig))
                .register("RandomBrightness", withBase(dev.airfoil.layers.preprocessing.RandomBrightness::fromConfig))
                .register("GroupQueryAttention", withBase(dev.airfoil.layers.attention.GroupQueryAttention::fromConfig),
                        "GroupedQueryAttention")
                .register("Sequential", dev.airfoil.models.ModelConfigs::sequentialFromConfig)
                .register("Functional", dev.airfoil.models.ModelConfigs::functionalFromConfig, "Model");
    }

    /** The names registered by Airfoil itself, before any user registration. */
    private static final java.util.Set<String> BUILT_IN = java.util.Set.copyOf(REGISTRY.names());

    private Layers() {
    }

    /** The class names Airfoil registers itself (custom registrations excluded). */
    public static java.util.Set<String> builtInNames() {
        return BUILT_IN;
    }

    /** Registers a layer class (built-in or custom) under its Keras class name. */
    public static void register(String className, Function<ConfigMap, Layer> factory) {
        REGISTRY.register(className, withBase(factory));
    }

    /** Wraps a factory so that the base config keys (trainable, dtype) are applied to what it builds. */
    private static Function<ConfigMap, Layer> withBase(Function<ConfigMap, ? extends Layer> factory) {
        return c -> {
            Layer l = factory.apply(c);
            if (!(l instanceof InputLayer)) {
                l.applyBaseConfig(c);
            }
            return l;
        };
    }

    /** Creates a layer from a class name and a config. */
    public static Layer fromConfig(String className, Map<String, Object> config) {
        return REGISTRY.create(className, config);
    }

    /** Creates a layer from a serialised map ({@code class_name} and {@code config}). */
    public static Layer deserialize(Map<String, Object> serialized) {
        return REGISTRY.resolve(serialized, Layer.class);
    }

    /** Whether a class name is known. */
    public static boolean contains(String className) {
        return REGISTRY.contains(className);
    }

    /** The registry itself, for listing. */
    public static Registry<Layer> registry() {
        return REGISTRY;
    }
}
