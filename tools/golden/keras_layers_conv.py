#!/usr/bin/env python3
"""Golden forward values of real Keras 3 convolution, pooling, normalization, spatial
regularization and reshaping layers with fixed weights.

    KERAS_BACKEND=jax .venv-keras/bin/python tools/golden/keras_layers_conv.py

Writes core/src/test/resources/golden/layers_conv.json with the same case layout as
keras_layers.py (whose run_case it reuses: float32 config, float64 outputs, a float32
cross-check). Weights are drawn with a fixed seed in the layer's own shapes and order.
BatchNormalization cases called with training=True also record the weights after the call
("weights_after": the updated moving mean and variance).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import keras_layers as base  # noqa: E402  (sets up jax x64 and the float64 policy fix)
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers as L  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(REPO, "core", "src", "test", "resources", "golden", "layers_conv.json")

RNG = np.random.default_rng(11)


def arr(*shape, lo=-1.0, hi=1.0):
    return RNG.uniform(lo, hi, size=shape).round(4)


def weights_for(make, input_shape):
    """Random weights in the layer's own shapes (variances positive)."""
    keras.backend.clear_session()
    layer = make("float64")
    layer.build(input_shape)
    out = []
    for w in layer.weights:
        if "variance" in w.path:
            out.append(arr(*w.shape, lo=0.5, hi=1.5))
        else:
            out.append(arr(*w.shape))
    return out


def case(name, make, x, call_kwargs=None, note=None, with_weights=True):
    weights = weights_for(make, x.shape) if with_weights else None
    if weights == []:
        weights = None
    entry = base.run_case(name, make, [x], weights, call_kwargs=call_kwargs, note=note)
    if call_kwargs and call_kwargs.get("training") and weights:
        keras.backend.clear_session()
        layer = make("float64")
        layer.build(x.shape)
        layer.set_weights([np.asarray(w, dtype="float64") for w in weights])
        layer(np.asarray(x, dtype="float64"), **call_kwargs)
        entry["weights_after"] = [base.tensor(np.asarray(w)) for w in layer.weights]
    return entry


def main():
    c = []
    x4 = arr(2, 6, 5, 3)
    # Conv2D
    c.append(case("conv2d_valid", lambda d: L.Conv2D(4, 3, dtype=d), x4))
    c.append(case("conv2d_same_strides2_relu", lambda d: L.Conv2D(4, 3, strides=2, padding="same",
                                                                   activation="relu", dtype=d), x4))
    c.append(case("conv2d_same_even_kernel", lambda d: L.Conv2D(2, (2, 4), padding="same", dtype=d), x4))
    c.append(case("conv2d_dilated", lambda d: L.Conv2D(3, 2, dilation_rate=2, dtype=d), x4))
    c.append(case("conv2d_groups", lambda d: L.Conv2D(4, 2, groups=2, dtype=d), arr(2, 4, 4, 4)))
    c.append(case("conv2d_channels_first", lambda d: L.Conv2D(2, 3, data_format="channels_first", padding="same",
                                                               dtype=d), arr(2, 3, 5, 4)))
    c.append(case("conv2d_no_bias_tanh", lambda d: L.Conv2D(2, 1, use_bias=False, activation="tanh", dtype=d), x4))
    # Conv1D / Conv3D
    x3 = arr(2, 7, 3)
    c.append(case("conv1d_valid", lambda d: L.Conv1D(4, 3, dtype=d), x3))
    c.append(case("conv1d_causal_dilated", lambda d: L.Conv1D(2, 2, padding="causal", dilation_rate=2, dtype=d), x3))
    c.append(case("conv1d_same_strides2", lambda d: L.Conv1D(2, 4, strides=2, padding="same", dtype=d), x3))
    c.append(case("conv3d_same", lambda d: L.Conv3D(2, 2, padding="same", dtype=d), arr(1, 3, 4, 3, 2)))
    # transposed
    c.append(case("conv2d_transpose_valid", lambda d: L.Conv2DTranspose(2, 3, dtype=d), arr(2, 3, 4, 3)))
    c.append(case("conv2d_transpose_same_s2", lambda d: L.Conv2DTranspose(2, 3, strides=2, padding="same", dtype=d),
                  arr(2, 3, 4, 3)))
    c.append(case("conv2d_transpose_valid_s2_k2", lambda d: L.Conv2DTranspose(3, 2, strides=2, dtype=d),
                  arr(1, 3, 3, 2)))
    c.append(case("conv2d_transpose_output_padding", lambda d: L.Conv2DTranspose(2, 3, strides=2, output_padding=1,
                                                                                 dtype=d), arr(1, 3, 3, 2)))
    c.append(case("conv2d_transpose_same_even_dilated", lambda d: L.Conv2DTranspose(2, 2, padding="same",
                                                                                    dilation_rate=2, dtype=d),
                  arr(1, 4, 4, 2)))
    c.append(case("conv2d_transpose_channels_first", lambda d: L.Conv2DTranspose(2, 3, strides=2, padding="same",
                                                                                 data_format="channels_first",
                                                                                 dtype=d), arr(1, 2, 3, 3)))
    c.append(case("conv1d_transpose_s3", lambda d: L.Conv1DTranspose(2, 2, strides=3, dtype=d), arr(2, 4, 3)))
    c.append(case("conv3d_transpose_same_s2", lambda d: L.Conv3DTranspose(1, 2, strides=2, padding="same", dtype=d),
                  arr(1, 2, 2, 2, 2)))
    # depthwise / separable
    c.append(case("depthwise_conv2d_dm2", lambda d: L.DepthwiseConv2D(3, depth_multiplier=2, padding="same", dtype=d),
                  x4))
    c.append(case("depthwise_conv1d_strides2", lambda d: L.DepthwiseConv1D(2, strides=2, dtype=d), x3))
    c.append(case("separable_conv2d", lambda d: L.SeparableConv2D(4, 3, depth_multiplier=2, activation="relu",
                                                                   dtype=d), x4))
    c.append(case("separable_conv1d_same", lambda d: L.SeparableConv1D(3, 3, padding="same", dtype=d), x3))
    # pooling
    c.append(case("max_pooling2d", lambda d: L.MaxPooling2D(dtype=d), x4))
    c.append(case("max_pooling2d_same_s1", lambda d: L.MaxPooling2D(3, strides=1, padding="same", dtype=d), x4))
    c.append(case("max_pooling2d_channels_first", lambda d: L.MaxPooling2D(2, data_format="channels_first", dtype=d),
                  arr(1, 2, 5, 4)))
    c.append(case("average_pooling2d_same", lambda d: L.AveragePooling2D(3, strides=2, padding="same", dtype=d), x4,
                  note="'same' average pooling divides by the number of taps inside the input"))
    c.append(case("average_pooling1d", lambda d: L.AveragePooling1D(2, dtype=d), x3))
    c.append(case("max_pooling1d_same", lambda d: L.MaxPooling1D(3, strides=2, padding="same", dtype=d), x3))
    c.append(case("max_pooling3d", lambda d: L.MaxPooling3D(dtype=d), arr(1, 4, 2, 3, 2)))
    c.append(case("average_pooling3d_same", lambda d: L.AveragePooling3D(2, padding="same", dtype=d),
                  arr(1, 3, 3, 3, 2)))
    c.append(case("global_max_pooling2d", lambda d: L.GlobalMaxPooling2D(dtype=d), x4))
    c.append(case("global_average_pooling1d_keepdims", lambda d: L.GlobalAveragePooling1D(keepdims=True, dtype=d), x3))
    c.append(case("global_average_pooling3d_cf", lambda d: L.GlobalAveragePooling3D(data_format="channels_first",
                                                                                     dtype=d), arr(1, 2, 2, 3, 2)))
    # normalization
    xb = arr(4, 3, 2, 5, lo=-2, hi=3)
    c.append(case("batch_norm_inference", lambda d: L.BatchNormalization(dtype=d), xb))
    c.append(case("batch_norm_training", lambda d: L.BatchNormalization(dtype=d), xb, call_kwargs={"training": True},
                  note="batch statistics; weights_after holds the updated moving mean and variance"))
    c.append(case("batch_norm_axis1_training", lambda d: L.BatchNormalization(axis=1, momentum=0.9, epsilon=1e-2,
                                                                              center=False, dtype=d), xb,
                  call_kwargs={"training": True}))
    c.append(case("layer_norm", lambda d: L.LayerNormalization(dtype=d), xb))
    c.append(case("layer_norm_axes_1_2", lambda d: L.LayerNormalization(axis=[1, 2], dtype=d), xb))
    c.append(case("layer_norm_rms", lambda d: L.LayerNormalization(rms_scaling=True, dtype=d), xb))
    c.append(case("group_norm", lambda d: L.GroupNormalization(groups=2, dtype=d), arr(2, 3, 4, 6)))
    c.append(case("unit_norm", lambda d: L.UnitNormalization(dtype=d), xb))
    # regularization in inference
    c.append(case("spatial_dropout2d_inference", lambda d: L.SpatialDropout2D(0.5, dtype=d), x4))
    c.append(case("gaussian_noise_inference", lambda d: L.GaussianNoise(0.3, dtype=d), x3))
    c.append(case("activity_regularization", lambda d: L.ActivityRegularization(l1=0.1, dtype=d), x3))
    # reshaping
    c.append(case("permute", lambda d: L.Permute((3, 1, 2), dtype=d), x4))
    c.append(case("repeat_vector", lambda d: L.RepeatVector(3, dtype=d), arr(2, 4)))
    c.append(case("cropping2d", lambda d: L.Cropping2D(((1, 0), (2, 1)), dtype=d), x4))
    c.append(case("cropping1d", lambda d: L.Cropping1D((2, 1), dtype=d), x3))
    c.append(case("cropping3d_cf", lambda d: L.Cropping3D(1, data_format="channels_first", dtype=d),
                  arr(1, 2, 3, 4, 3)))
    c.append(case("zero_padding2d", lambda d: L.ZeroPadding2D(((1, 2), (0, 1)), dtype=d), x4))
    c.append(case("zero_padding1d", lambda d: L.ZeroPadding1D(2, dtype=d), x3))
    c.append(case("zero_padding3d", lambda d: L.ZeroPadding3D((1, 0, 2), dtype=d), arr(1, 2, 2, 2, 1)))
    c.append(case("up_sampling2d_nearest", lambda d: L.UpSampling2D((2, 3), dtype=d), arr(1, 2, 3, 2)))
    c.append(case("up_sampling2d_bilinear", lambda d: L.UpSampling2D(2, interpolation="bilinear", dtype=d),
                  arr(1, 3, 4, 2)))
    c.append(case("up_sampling1d", lambda d: L.UpSampling1D(3, dtype=d), x3))
    c.append(case("up_sampling3d_cf", lambda d: L.UpSampling3D(2, data_format="channels_first", dtype=d),
                  arr(1, 2, 2, 1, 2)))

    base.write_cases(OUT, c, "all data flat row-major; weights in layer.weights order; weights_after: the weights "
                             "after a training call (BatchNormalization moving statistics)")


if __name__ == "__main__":
    main()
