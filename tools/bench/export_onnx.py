#!/usr/bin/env python3
"""Exports the models of tools/bench/bench_torch.py to ONNX, for the ONNX Runtime figures of
tools/bench/bench_onnx.sh (dev.airfoil.benchmarks.OnnxRuntimeBench).

The models are bench_torch.py's own (`mlp()`, `Convnet()`: the seed MLP and Keras's MNIST convnet,
channels-last input), seeded as bench_torch.py seeds them, in eval mode (Dropout is the identity),
with the softmax appended so the graph ends in probabilities as the Keras/Airfoil models do.
The batch axis is dynamic; opset 13 (as bench_torch.py --onnx uses).

Writes DIR/mlp.onnx and DIR/convnet.onnx, and DIR/<model>.check.txt: PyTorch's output for two
deterministic samples (pixel i of the flattened pair = (i % 251) / 251), which OnnxRuntimeBench
compares with ONNX Runtime's output (it prints the largest absolute difference).

torch.onnx.export in Debian's python3-torch 1.13 needs no `onnx` Python package.

  /usr/bin/python3 tools/bench/export_onnx.py [DIR]     # DIR defaults to bench-onnx/ (git-ignored)
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_torch as bt  # noqa: E402

import torch  # noqa: E402
from torch import nn  # noqa: E402

SHAPES = {"mlp": (28, 28), "convnet": (28, 28, 1)}


def check_input(shape, n=2):
    """n samples whose flattened pixel i is (i % 251) / 251, as OnnxRuntimeBench builds them."""
    size = n
    for d in shape:
        size *= d
    return (torch.arange(size, dtype=torch.int64) % 251).to(torch.float32).div(251.0).reshape(n, *shape)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir", nargs="?", default="bench-onnx")
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    torch.manual_seed(a.seed)
    for name, shape in SHAPES.items():
        body = bt.mlp() if name == "mlp" else bt.Convnet()
        model = nn.Sequential(body, nn.Softmax(dim=1)).eval()
        path = os.path.join(a.dir, name + ".onnx")
        with torch.no_grad():
            torch.onnx.export(model, torch.zeros(1, *shape), path, input_names=["x"], output_names=["p"],
                              dynamic_axes={"x": {0: "n"}, "p": {0: "n"}}, opset_version=13)
            ref = model(check_input(shape))
        with open(os.path.join(a.dir, name + ".check.txt"), "w") as f:
            f.write("\n".join("%.9g" % v for v in ref.flatten().tolist()) + "\n")
        print("%s: %d bytes, input %s" % (path, os.path.getsize(path), ["n", *shape]))


if __name__ == "__main__":
    main()
