#!/usr/bin/env python3
"""Golden values of Keras 3's preprocessing layers: Normalization (given statistics, adapt on an array
and on a list of batches, invert, zero variance), Rescaling, CenterCrop and Resizing (bilinear with and
without antialias, nearest, crop_to_aspect_ratio, pad_to_aspect_ratio, channels_first, one image),
CategoryEncoding (one_hot, multi_hot, count, ranks 1 to 3) and Discretization (given boundaries in
every output mode, adapt on arrays and on a list of batches), and the geometric augmentation layers
RandomTranslation, RandomZoom and RandomRotation in training with one-value factor ranges (deterministic),
RandomCrop in training on images not larger than its target (its deterministic branch), RandomBrightness in
training with a one-value factor range,
plus keras.ops.image.affine_transform with given transforms (`affine_transforms`).

    KERAS_BACKEND=jax .venv-keras/bin/python tools/golden/keras_preprocessing.py

Writes core/src/test/resources/golden/preprocessing.json, read by PreprocessingKerasTest:
`cases[]` with `name`, `class`, `config` (the layer's get_config()), `adapt` (null, or the list of
batches given to adapt(); `adapt_array` true when it was one array), `input`, `output` (Keras's,
`{"shape", "data"}` flat row-major), `weights` (`{"path", "shape", "data"}` after adapt) and
`summary`: the model.summary() text (88 columns) of a Sequential of the image layers and an adapted
Normalization, built after clear_session so names are automatic; `summary_categorical` (Discretization)
`summary_augment` (CategoryEncoding, RandomFlip, RandomContrast) and `summary_geometric` (RandomTranslation,
RandomZoom, RandomRotation, RandomCrop, RandomBrightness) likewise. Deterministic: a rerun writes the same bytes.
"""
import io
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ["COLUMNS"] = "200"  # Keras's own line length (88), whatever the terminal

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers as L  # noqa: E402

# Normalization.adapt tests isinstance(data, tf.data.Dataset) before it reaches its iterable-of-batches
# branch, and TensorFlow is not installed: stand in a module whose Dataset nothing is an instance of,
# so that Keras's own batch merge runs unchanged.
import types  # noqa: E402
from keras.src.layers.preprocessing import normalization as _normalization  # noqa: E402

from keras.src.layers.preprocessing import discretization as _discretization  # noqa: E402



def stand_in_tensorflow():
    """Lets Normalization.adapt and Discretization.adapt (which also asks tf.is_tensor) run without TensorFlow."""
    no_tf = types.SimpleNamespace(data=types.SimpleNamespace(Dataset=type("NoDataset", (), {})), is_tensor=lambda x: False)
    _normalization.tf = no_tf
    _discretization.tf = no_tf


stand_in_tensorflow()

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(REPO, "core", "src", "test", "resources", "golden", "preprocessing.json")

RNG = np.random.default_rng(20261201)


def arr(*shape, lo=-2.0, hi=2.0):
    return RNG.uniform(lo, hi, size=shape).round(4).astype("float32")


def tensor(a):
    a = np.asarray(a)
    return {"shape": list(a.shape), "data": [float(v) for v in a.reshape(-1).astype(np.float64)]}


def clean(obj):
    if isinstance(obj, dict):
        return {k: clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [clean(v) for v in obj]
    if isinstance(obj, np.generic):
        return obj.item()
    return obj


def case(name, make, x, adapt=None, call_kwargs=None):
    keras.backend.clear_session()
    layer = make()
    if adapt is not None:
        layer.adapt(adapt)
    y = np.asarray(layer(x, **(call_kwargs or {})))
    assert y.dtype == (np.int32 if getattr(layer, "output_mode", None) == "int" else np.float32), (name, y.dtype)
    doc = {"name": name, "class": type(layer).__name__, "config": clean(layer.get_config()),
           "adapt": None if adapt is None else [tensor(b) for b in (adapt if isinstance(adapt, list) else [adapt])],
           "adapt_array": adapt is not None and not isinstance(adapt, list),
           "call_kwargs": call_kwargs or {}, "input": tensor(x), "input_dtype": str(x.dtype), "output": tensor(y), "output_dtype": str(y.dtype),
           "weights": [{"path": w.path, "shape": list(w.shape), "data": tensor(np.asarray(w))["data"]}
                       for w in layer.weights]}
    print(name, x.shape, "->", y.shape)
    return doc


def normalization_cases():
    data = arr(20, 3)
    data[:, 1] = 1.5  # zero variance: Keras divides by max(sqrt(0), 1e-7)
    images = arr(6, 3, 4)
    batches = [arr(4, 3, lo=0, hi=5), arr(4, 3, lo=-3, hi=1), arr(2, 3)]
    return [
        case("norm_adapt_last", lambda: L.Normalization(), arr(5, 3) + np.float32(1.5), adapt=data),
        case("norm_adapt_none", lambda: L.Normalization(axis=None), arr(4, 3), adapt=data),
        case("norm_adapt_axis1_rank3", lambda: L.Normalization(axis=1), arr(2, 3, 4), adapt=images),
        case("norm_adapt_axes12_rank3", lambda: L.Normalization(axis=(1, 2)), arr(2, 3, 4), adapt=images),
        case("norm_adapt_batches", lambda: L.Normalization(), arr(5, 3), adapt=batches),
        case("norm_adapt_batches_invert", lambda: L.Normalization(invert=True), arr(5, 3), adapt=batches),
        case("norm_given_scalar", lambda: L.Normalization(mean=3.0, variance=2.0), arr(4, 1) + np.float32(3)),
        case("norm_given_invert_zero_var", lambda: L.Normalization(mean=[1.0, 2.0], variance=[4.0, 0.0], invert=True),
             arr(3, 2)),
        case("norm_given_rank3_axis12", lambda: L.Normalization(axis=(1, 2), mean=[0.5, -1.0, 2.0, 0.0],
                                                                 variance=[1.0, 4.0, 0.25, 9.0]), arr(2, 3, 4)),
    ]


def image_cases():
    img = arr(2, 7, 9, 3, lo=0, hi=255)
    small = arr(2, 3, 5, 2)
    first = arr(2, 3, 7, 8)
    return [
        case("rescaling_255", lambda: L.Rescaling(1.0 / 255), img),
        case("rescaling_offset", lambda: L.Rescaling(1.0 / 127.5, offset=-1.0), img),
        case("rescaling_per_channel", lambda: L.Rescaling([0.5, 2.0, -1.0], offset=[0.0, 1.0, 0.25]), img),
        case("center_crop", lambda: L.CenterCrop(4, 5), img),
        case("center_crop_odd", lambda: L.CenterCrop(6, 6), img),
        case("center_crop_channels_first", lambda: L.CenterCrop(4, 4, data_format="channels_first"), first),
        case("center_crop_upsize", lambda: L.CenterCrop(4, 6), small),
        case("center_crop_one_image", lambda: L.CenterCrop(3, 3), img[0]),
        case("resizing_bilinear_down", lambda: L.Resizing(4, 5), img),
        case("resizing_bilinear_up", lambda: L.Resizing(11, 13), img),
        case("resizing_bilinear_mixed", lambda: L.Resizing(3, 14), img),
        case("resizing_antialias_down", lambda: L.Resizing(3, 4, antialias=True), img),
        case("resizing_antialias_up", lambda: L.Resizing(10, 12, antialias=True), img),
        case("resizing_nearest_down", lambda: L.Resizing(4, 5, interpolation="nearest"), img),
        case("resizing_nearest_up", lambda: L.Resizing(10, 17, interpolation="nearest"), img),
        case("resizing_crop_aspect", lambda: L.Resizing(4, 4, crop_to_aspect_ratio=True), img),
        case("resizing_crop_aspect_wide", lambda: L.Resizing(2, 6, crop_to_aspect_ratio=True), img),
        case("resizing_pad_aspect_rows", lambda: L.Resizing(6, 4, pad_to_aspect_ratio=True, fill_value=0.5), img),
        case("resizing_pad_aspect_cols", lambda: L.Resizing(3, 9, pad_to_aspect_ratio=True, fill_value=-2.0), small),
        case("resizing_channels_first", lambda: L.Resizing(5, 3, data_format="channels_first"), first),
        case("resizing_nearest_channels_first", lambda: L.Resizing(9, 5, interpolation="nearest",
                                                                   data_format="channels_first"), first),
        case("resizing_one_image", lambda: L.Resizing(5, 6), img[1]),
    ]


def categorical_cases():
    tokens = np.array([[0, 3, 3, 1], [2, 2, 0, 4]], dtype="int32")
    counts = RNG.integers(0, 5, (2, 3, 4)).astype("int32")
    values = arr(3, 5, lo=-3, hi=3)
    values[0, :3] = [-1.0, 0.0, 2.5]  # on boundaries: digitize puts a boundary in the bin above it
    spread = RNG.normal(1.0, 2.0, (300,)).astype("float32")
    return [
        case("category_one_hot", lambda: L.CategoryEncoding(5, output_mode="one_hot"), np.array([3, 0, 4, 1], "int32")),
        case("category_one_hot_last1", lambda: L.CategoryEncoding(5, output_mode="one_hot"), tokens[:, :1]),
        case("category_one_hot_rank2", lambda: L.CategoryEncoding(5, output_mode="one_hot"), tokens),
        case("category_multi_hot", lambda: L.CategoryEncoding(5), tokens),
        case("category_count", lambda: L.CategoryEncoding(5, output_mode="count"), tokens),
        case("category_count_rank3", lambda: L.CategoryEncoding(5, output_mode="count"), counts),
        case("category_multi_hot_rank3", lambda: L.CategoryEncoding(5, output_mode="multi_hot"), counts),
        case("discretization_int", lambda: L.Discretization(bin_boundaries=[-1.0, 0.0, 2.5]), values),
        case("discretization_one_hot", lambda: L.Discretization(bin_boundaries=[-1.0, 0.0, 2.5],
                                                                 output_mode="one_hot"), values),
        case("discretization_multi_hot", lambda: L.Discretization(bin_boundaries=[0.1, 1.3],
                                                                   output_mode="multi_hot"), values),
        case("discretization_count", lambda: L.Discretization(bin_boundaries=[0.1, 1.3], output_mode="count"), values),
        case("discretization_adapt", lambda: L.Discretization(num_bins=4), values, adapt=spread),
        case("discretization_adapt_eps", lambda: L.Discretization(num_bins=5, epsilon=0.05), values,
             adapt=spread[:97]),
        case("discretization_adapt_small", lambda: L.Discretization(num_bins=3), values, adapt=np.arange(10, dtype="float32")),
        case("discretization_adapt_batches", lambda: L.Discretization(num_bins=6, epsilon=0.02, output_mode="one_hot"),
             values[:, :2], adapt=[spread[:120], spread[120:250], spread[250:]]),
    ]


def random_cases():
    """Random augmentation layers in inference (training=False): the identity, with Keras's configs."""
    img = arr(2, 5, 4, 3, lo=0, hi=255)
    inference = {"training": False}
    return [
        case("random_flip_inference", lambda: L.RandomFlip(seed=7), img, call_kwargs=inference),
        case("random_flip_horizontal_inference", lambda: L.RandomFlip("horizontal", seed=3, data_format="channels_first"),
             img, call_kwargs=inference),
        case("random_contrast_inference", lambda: L.RandomContrast(0.3, seed=5), img, call_kwargs=inference),
        case("random_contrast_range_inference", lambda: L.RandomContrast([0.1, 0.4], value_range=(-1.0, 1.0)), img,
             call_kwargs=inference),
    ]


def geometric_cases():
    """RandomTranslation and RandomZoom in training with factor ranges of one value (lower == upper), so that the
    random draw is that value and the output is deterministic: every fill mode and interpolation, both data formats,
    batches and single images; then the layers in inference (the identity)."""
    img = arr(2, 6, 5, 3)
    first = arr(2, 3, 5, 7)
    training = {"training": True}
    cases = []
    for fill in ("reflect", "wrap", "constant", "nearest"):
        for interp in ("bilinear", "nearest"):
            cases.append(case(f"random_translation_{fill}_{interp}", lambda: L.RandomTranslation(
                (0.2, 0.2), (-0.3, -0.3), fill_mode=fill, interpolation=interp, fill_value=0.5, seed=1), img,
                call_kwargs=training))
            cases.append(case(f"random_zoom_{fill}_{interp}", lambda: L.RandomZoom(
                (0.4, 0.4), (-0.3, -0.3), fill_mode=fill, interpolation=interp, fill_value=-1.5, seed=2), img,
                call_kwargs=training))
    cases += [
        case("random_translation_far_reflect", lambda: L.RandomTranslation((-0.9, -0.9), (0.7, 0.7)), img,
             call_kwargs=training),
        case("random_translation_far_wrap", lambda: L.RandomTranslation(
            (0.85, 0.85), (-1.0, -1.0), fill_mode="wrap", interpolation="nearest"), img, call_kwargs=training),
        case("random_translation_channels_first", lambda: L.RandomTranslation(
            (0.25, 0.25), (0.1, 0.1), fill_mode="constant", data_format="channels_first"), first, call_kwargs=training),
        case("random_translation_one_image", lambda: L.RandomTranslation((-0.35, -0.35), (0.45, 0.45),
                                                                       fill_mode="nearest"), img[1],
             call_kwargs=training),
        case("random_translation_one_image_channels_first", lambda: L.RandomTranslation(
            (0.5, 0.5), (-0.15, -0.15), interpolation="nearest", data_format="channels_first"), first[0],
             call_kwargs=training),
        case("random_zoom_height_only", lambda: L.RandomZoom((-0.5, -0.5)), img, call_kwargs=training),
        case("random_zoom_far_out_wrap", lambda: L.RandomZoom((0.9, 0.9), (1.0, 1.0), fill_mode="wrap"), img,
             call_kwargs=training),
        case("random_zoom_channels_first", lambda: L.RandomZoom(
            (0.3, 0.3), (-0.2, -0.2), fill_mode="reflect", interpolation="nearest", data_format="channels_first"),
             first, call_kwargs=training),
        case("random_zoom_one_image", lambda: L.RandomZoom((-0.25, -0.25), (0.6, 0.6), fill_mode="constant"),
             img[0], call_kwargs=training),
        case("random_zoom_one_image_channels_first", lambda: L.RandomZoom(
            (0.2, 0.2), fill_mode="nearest", data_format="channels_first"), first[1], call_kwargs=training),
        case("random_translation_inference", lambda: L.RandomTranslation(0.3, [-0.2, 0.4], seed=5), img,
             call_kwargs={"training": False}),
        case("random_zoom_inference", lambda: L.RandomZoom([-0.3, 0.2], 0.1, fill_mode="constant", seed=6), img,
             call_kwargs={"training": False}),
    ]
    return cases


def rotation_cases():
    """RandomRotation in training with a factor range of one value (a fixed angle): every fill mode and interpolation,
    both data formats, batches and single images; then in inference (the identity)."""
    img = arr(2, 6, 5, 3)
    first = arr(2, 3, 5, 7)
    training = {"training": True}
    cases = []
    for fill in ("reflect", "wrap", "constant", "nearest"):
        for interp in ("bilinear", "nearest"):
            cases.append(case(f"random_rotation_{fill}_{interp}", lambda: L.RandomRotation(
                (0.1, 0.1), fill_mode=fill, interpolation=interp, fill_value=0.25, seed=3), img, call_kwargs=training))
    return cases + [
        case("random_rotation_far", lambda: L.RandomRotation((-0.35, -0.35), fill_mode="wrap"), img,
             call_kwargs=training),
        case("random_rotation_channels_first", lambda: L.RandomRotation(
            (0.2, 0.2), fill_mode="constant", data_format="channels_first"), first, call_kwargs=training),
        case("random_rotation_one_image", lambda: L.RandomRotation((-0.15, -0.15), interpolation="nearest"), img[0],
             call_kwargs=training),
        case("random_rotation_one_image_channels_first", lambda: L.RandomRotation(
            (0.6, 0.6), fill_mode="nearest", data_format="channels_first"), first[1], call_kwargs=training),
        case("random_rotation_inference", lambda: L.RandomRotation(0.3, seed=5), img, call_kwargs={"training": False}),
        case("random_rotation_pair_inference", lambda: L.RandomRotation([0.4, -0.2], fill_mode="constant"), img,
             call_kwargs={"training": False}),
    ]


def crop_cases():
    """RandomCrop in training where the image is not larger than the target in both height and width: Keras's
    deterministic branch (the start of the centred window of the target aspect ratio, a slice of the target size
    from there, and a bilinear resize when the slice comes out smaller). Its random branch and its inference
    (Keras returns the input unchanged, against its own compute_output_shape) are tested in Java."""
    img = arr(2, 6, 7, 2)
    first = arr(2, 3, 5, 7)
    training = {"training": True}
    return [
        case("random_crop_taller", lambda: L.RandomCrop(8, 3, seed=1), img, call_kwargs=training),
        case("random_crop_full_width", lambda: L.RandomCrop(4, 7, seed=2), img, call_kwargs=training),
        case("random_crop_same_size", lambda: L.RandomCrop(6, 7, seed=3), img, call_kwargs=training),
        case("random_crop_larger", lambda: L.RandomCrop(9, 10, seed=4), img, call_kwargs=training),
        case("random_crop_channels_first", lambda: L.RandomCrop(5, 4, seed=5, data_format="channels_first"), first,
             call_kwargs=training),
        case("random_crop_one_image", lambda: L.RandomCrop(3, 9, seed=6), img[1], call_kwargs=training),
    ]


def brightness_cases():
    """RandomBrightness in training with a factor range of one value (a fixed offset), clipping to value_range; then in
    inference (the identity)."""
    img = arr(2, 4, 5, 3, lo=0, hi=255)
    unit = arr(2, 3, 4, 2, lo=-1, hi=1)
    training = {"training": True}
    return [
        case("random_brightness_up", lambda: L.RandomBrightness((0.1, 0.1), seed=1), img, call_kwargs=training),
        case("random_brightness_down_clipped", lambda: L.RandomBrightness((-0.6, -0.6)), img, call_kwargs=training),
        case("random_brightness_unit_range", lambda: L.RandomBrightness((0.25, 0.25), value_range=(1.0, -1.0)), unit,
             call_kwargs=training),
        case("random_brightness_one_image", lambda: L.RandomBrightness((-0.2, -0.2), value_range=[-1.0, 1.0]),
             unit[0], call_kwargs=training),
        case("random_brightness_inference", lambda: L.RandomBrightness(0.3, seed=2), img,
             call_kwargs={"training": False}),
        case("random_brightness_pair_inference", lambda: L.RandomBrightness([0.4, -0.2], value_range=(0.0, 1.0)),
             img, call_kwargs={"training": False}),
    ]


def affine_cases():
    """keras.ops.image.affine_transform itself (the JAX backend's map_coordinates) with given transforms
    [a0, a1, a2, b0, b1, b2, c0, c1] (input x = a0 x + a1 y + a2, input y = b0 x + b1 y + b2): rotations, shears,
    scales and offsets far outside the image, every fill mode and interpolation, both data formats, batches and
    single images."""
    img = arr(2, 5, 6, 2)
    first = arr(2, 2, 6, 5)
    c, s = np.cos(0.7), np.sin(0.7)
    rotate = [c, -s, 2.5, s, c, -1.0, 0.0, 0.0]
    shear = [1.3, 0.4, -7.25, -0.6, 0.8, 9.5, 0.0, 0.0]
    transforms = np.array([rotate, shear], dtype="float32")
    out = []
    for fill in ("reflect", "wrap", "constant", "nearest"):
        for interp in ("bilinear", "nearest"):
            for fmt, x in (("channels_last", img), ("channels_first", first)):
                y = keras.ops.image.affine_transform(x, transforms, interpolation=interp, fill_mode=fill,
                                                     fill_value=0.75, data_format=fmt)
                out.append({"name": f"affine_{fill}_{interp}_{fmt}", "transform": tensor(transforms),
                            "interpolation": interp, "fill_mode": fill, "fill_value": 0.75, "data_format": fmt,
                            "input": tensor(x), "output": tensor(np.asarray(y))})
    one = np.array(shear, dtype="float32")
    y = keras.ops.image.affine_transform(img[0], one, interpolation="bilinear", fill_mode="reflect")
    out.append({"name": "affine_one_image", "transform": tensor(one), "interpolation": "bilinear",
                "fill_mode": "reflect", "fill_value": 0.0, "data_format": "channels_last", "input": tensor(img[0]),
                "output": tensor(np.asarray(y))})
    return out


def summary_text(model):
    out = io.StringIO()
    model.summary(print_fn=lambda line, **kw: out.write(line + "\n"))
    return out.getvalue()


def summary_categorical():
    keras.backend.clear_session()
    model = keras.Sequential([keras.Input((4,)), L.Discretization(bin_boundaries=[0.0, 1.0], output_mode="one_hot"),
                              L.Flatten(), L.Dense(3)])
    return summary_text(model)


def summary_augment():
    keras.backend.clear_session()
    model = keras.Sequential([keras.Input((2,), dtype="int32"), L.CategoryEncoding(6, output_mode="count"),
                              L.Reshape((2, 3, 1)), L.RandomFlip(seed=1), L.RandomContrast(0.1, seed=2),
                              L.Flatten()])
    return summary_text(model)


def summary():
    keras.backend.clear_session()
    norm = L.Normalization()
    norm.adapt(arr(8, 4, 4, 3))
    model = keras.Sequential([keras.Input((9, 8, 3)), L.Rescaling(1.0 / 127.5, offset=-1.0), L.Resizing(6, 6),
                              L.CenterCrop(4, 4), norm, L.Flatten(), L.Dense(2)])
    out = io.StringIO()
    model.summary(print_fn=lambda line, **kw: out.write(line + "\n"))
    return out.getvalue()


def summary_geometric():
    keras.backend.clear_session()
    model = keras.Sequential([keras.Input((8, 6, 3)), L.RandomTranslation(0.1, 0.2, seed=1), L.RandomZoom(0.2, seed=2),
                              L.RandomRotation(0.1, seed=3), L.RandomCrop(5, 4, seed=4),
                              L.RandomBrightness(0.2, seed=5), L.Flatten()])
    return summary_text(model)


def main():
    doc = {
        "_about": {"keras": keras.__version__, "backend": keras.backend.backend(), "numpy": np.__version__,
                   "script": "tools/golden/keras_preprocessing.py"},
        "cases": normalization_cases() + image_cases() + categorical_cases() + random_cases() + geometric_cases() + rotation_cases() + crop_cases() + brightness_cases(),
        "summary": summary(),
        "summary_categorical": summary_categorical(),
        "summary_augment": summary_augment(),
        "summary_geometric": summary_geometric(),
        "affine_transforms": affine_cases(),
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
