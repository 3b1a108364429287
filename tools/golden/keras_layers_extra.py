#!/usr/bin/env python3
"""Golden forward values of real Keras 3 EinsumDense, RMSNormalization and SpectralNormalization
layers with fixed weights.

    KERAS_BACKEND=jax .venv-keras/bin/python tools/golden/keras_layers_extra.py

Writes core/src/test/resources/golden/layers_extra.json with the case layout of keras_layers_conv.py,
whose case() it reuses (float32 config, float64 outputs, a float32 cross-check, random weights in the
layer's own shapes and order, "weights_after" for calls with training=True). The EinsumDense equations
come from Keras's own docstring and einsum_dense_test.py. SpectralNormalization called with
training=True records the wrapped kernel and vector_u after the call (Keras assigns both).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import keras_layers_conv as conv  # noqa: E402  (imports keras_layers: jax x64, the float64 policy fix)
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers as L  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(REPO, "core", "src", "test", "resources", "golden", "layers_extra.json")

conv.RNG = np.random.default_rng(23)
arr = conv.arr
case = conv.case


def einsum(name, equation, output_shape, x, bias_axes=None, activation=None):
    return case("einsum_dense_" + name,
                lambda d: L.EinsumDense(equation, output_shape, bias_axes=bias_axes, activation=activation, dtype=d),
                x)


def main():
    c = []
    # EinsumDense: the three docstring examples
    c.append(einsum("docstring_dense", "ab,bc->ac", 4, arr(2, 3), bias_axes="c"))
    c.append(einsum("docstring_sequence", "abc,cd->abd", (None, 4), arr(2, 3, 5), bias_axes="d"))
    c.append(einsum("docstring_ellipsis", "...x,xy->...y", 4, arr(2, 3, 5), bias_axes="y"))
    # EinsumDense: einsum_dense_test.py's equations
    c.append(einsum("1d_end_weight", "ab,b->a", (), arr(2, 5)))
    c.append(einsum("3d_bert", "abc,cde->abde", (2, 3, 4), arr(2, 2, 3), activation="tanh"))
    c.append(einsum("3d_1_3_bias", "abc,cde->abde", (2, 3, 4), arr(2, 2, 3), bias_axes="be"))
    c.append(einsum("3d_2_bias", "abc,cde->abde", (2, 3, 4), arr(2, 2, 3), bias_axes="d"))
    c.append(einsum("bert_projection", "BFNH,NHD->BFD", (3, 4), arr(2, 3, 2, 3), bias_axes="D"))
    c.append(einsum("embedding_1d", "i,d->id", (3,), arr(4)))
    c.append(einsum("xlnet_lm", "ibd,nd->ibn", (3, 5), arr(2, 3, 4), bias_axes="n"))
    c.append(einsum("precast_elided_input_used_in_output", "...bc,bc->...b", (3,), arr(2, 3, 4)))
    c.append(einsum("precast_multiple_elided_dims", "...b,bc->...c", (4,), arr(2, 3, 2, 5), bias_axes="c",
                    activation="relu"))
    c.append(einsum("precast_2_3_bias", "...c,cde->...de", (3, 4), arr(2, 1, 2), bias_axes="de"))
    c.append(einsum("postcast", "bc...,cd->bd...", (4,), arr(2, 1, 2, 3)))
    c.append(einsum("postcast_1_2_bias", "bc...,cde->bde...", (3, 4), arr(2, 3, 5), bias_axes="de"))
    c.append(einsum("reduce_and_transpose", "abcde,afce->acdbf", (3, 2, 2, 5), arr(2, 2, 3, 2, 4), bias_axes="d"))
    c.append(einsum("input_axis_summed", "abc,cd->ad", (4,), arr(2, 3, 5), bias_axes="d"))
    # RMSNormalization
    xr = arr(3, 4, 5, lo=-2, hi=2)
    c.append(case("rms_norm", lambda d: L.RMSNormalization(dtype=d), xr))
    c.append(case("rms_norm_axes_1_2", lambda d: L.RMSNormalization(axis=[1, 2], epsilon=1e-3, dtype=d), xr))
    # SpectralNormalization
    xs = arr(3, 4)
    for training in (False, True):
        suffix = "_training" if training else "_inference"
        c.append(case("spectral_norm_dense" + suffix, lambda d: L.SpectralNormalization(L.Dense(3, dtype=d), dtype=d),
                      xs, call_kwargs={"training": training}))
        c.append(case("spectral_norm_conv2d_3_iterations" + suffix,
                      lambda d: L.SpectralNormalization(L.Conv2D(2, 2, dtype=d), power_iterations=3, dtype=d),
                      arr(2, 4, 3, 2), call_kwargs={"training": training}))

    conv.base.write_cases(OUT, c, "all data flat row-major; weights in layer.weights order; weights_after: the weights "
                                  "after a training call (SpectralNormalization's normalized kernel and vector_u)")


if __name__ == "__main__":
    main()
