#!/usr/bin/python3
"""Writes the small reference .npy/.npz files for dev.airfoil.data tests with NumPy.

Run from the repository root with Debian's numpy:  /usr/bin/python3 tools/make_npy_fixtures.py
Output: core/src/test/resources/data/npy/ (about 40 files, a few KB in all).

Every array has shape (2, 3, 4) unless noted, and its C-order flat element i has the value
    float types: (i - 10) * 0.5 + 0.25
    signed ints: i * 7 - 50
    uint8:       i * 10
    bool:        i % 3 == 0
The Java tests rebuild these values from the same formulas.
"""
import os

import numpy as np

OUT = os.path.join("core", "src", "test", "resources", "data", "npy")
SHAPE = (2, 3, 4)


def values(kind, n):
    i = np.arange(n)
    if kind in ("float32", "float64"):
        return (i - 10) * 0.5 + 0.25
    if kind == "uint8":
        return i * 10
    if kind == "bool":
        return i % 3 == 0
    return i * 7 - 50


def array(kind, byteorder, shape=SHAPE):
    n = int(np.prod(shape))
    dt = np.dtype(kind)
    if dt.itemsize > 1:
        dt = dt.newbyteorder(byteorder)
    return values(kind, n).astype(dt).reshape(shape)


def main():
    os.makedirs(OUT, exist_ok=True)
    for kind in ("float32", "float64", "int8", "int16", "int32", "int64", "uint8", "bool"):
        orders = ("<", ">") if np.dtype(kind).itemsize > 1 else ("|",)
        for bo in orders:
            endian = {"<": "le", ">": "be", "|": "na"}[bo]
            a = array(kind, bo)
            np.save(os.path.join(OUT, f"{kind}_{endian}_c.npy"), np.ascontiguousarray(a))
            f = np.asfortranarray(a)
            assert f.flags.f_contiguous and not f.flags.c_contiguous
            np.save(os.path.join(OUT, f"{kind}_{endian}_f.npy"), f)
    # format versions 2.0 and 3.0
    for version in ((2, 0), (3, 0)):
        with open(os.path.join(OUT, f"float32_v{version[0]}.npy"), "wb") as fh:
            np.lib.format.write_array(fh, array("float32", "<"), version=version)
    # special shapes
    np.save(os.path.join(OUT, "scalar_float64.npy"), np.float64(3.5))
    np.save(os.path.join(OUT, "empty_float32.npy"), np.zeros((0, 3), dtype=np.float32))
    np.save(os.path.join(OUT, "vector_int64.npy"), array("int64", "<", (5,)))
    # unsupported dtypes (must be rejected with a clear message)
    np.save(os.path.join(OUT, "unsupported_float16.npy"), np.zeros((2,), dtype=np.float16))
    np.save(os.path.join(OUT, "unsupported_structured.npy"), np.zeros((2,), dtype=[("a", "<i4"), ("b", "<f4")]))
    # archives
    arrays = {"x": array("float32", "<", (2, 3)), "y": array("int64", "<", (2,)), "mask": array("bool", "|", (2, 3))}
    np.savez(os.path.join(OUT, "arrays.npz"), **arrays)
    np.savez_compressed(os.path.join(OUT, "arrays_compressed.npz"), **arrays)
    np.savez(os.path.join(OUT, "single.npz"), only=array("float64", "<", (3,)))


if __name__ == "__main__":
    main()
