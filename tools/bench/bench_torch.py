#!/usr/bin/env python3
"""PyTorch side of `airfoil bench`: the same models, data and loops (synthetic MNIST-shaped data,
one epoch of `--samples` samples per repeat, no shuffle, Adam lr=1e-3, cross-entropy, accuracy
computed each step; inference at batch 1000 and one-sample latency under torch.no_grad()).

The models end in logits and train with nn.CrossEntropyLoss (PyTorch's fused log-softmax + NLL,
the idiomatic and fastest way); inference applies the softmax, as the Keras/Airfoil models do.

  /usr/bin/python3 tools/bench/bench_torch.py --threads 1 --workload mlp-train-32,mlp-infer-1000 --repeats 3
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as bc  # noqa: E402


def _threads_arg(argv):
    """--threads as given on the command line (1 if absent), read before torch is imported."""
    for i, arg in enumerate(argv):
        if arg == "--threads" and i + 1 < len(argv):
            return int(argv[i + 1])
        if arg.startswith("--threads="):
            return int(arg.split("=", 1)[1])
    return 1


# Debian's torch runs its float32 GEMMs in OpenBLAS 0.3.21 (pthreads), which starts one thread per core of its own
# whatever torch.set_num_threads says, and reads its setting when torch loads it. At --threads 2 torch's own two
# threads then shared the cores with OpenBLAS's two (twentieth round: MLP inference 44-88K samples/s, against
# 122-135K with OpenBLAS on one thread), so --threads above 1 gives OpenBLAS one thread unless the caller chose.
# --threads 1 leaves OpenBLAS its two: torch's best setting for the MLP here (inference 187-250K/s).
if _threads_arg(sys.argv) > 1:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch  # noqa: E402
from torch import nn  # noqa: E402


def mlp(activation=nn.ReLU):
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 300), activation(), nn.Linear(300, 100), activation(),
                         nn.Linear(100, 10))


class Convnet(nn.Module):
    """Keras's MNIST convnet, channels-last input (N, 28, 28, 1) permuted to NCHW."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(),
                                  nn.MaxPool2d(2), nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10))

    def forward(self, x):
        return self.body(x.permute(0, 3, 1, 2))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--workload", default="all")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--samples", type=int, default=60000)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--onnx", help="also export the model to this ONNX file (inference workloads)")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    workloads = bc.WORKLOADS if a.workload == "all" else a.workload.split(",")
    for w in workloads:
        model_name, what, batch = bc.parse(w)
        model = mlp() if model_name == "mlp" else mlp(nn.GELU) if model_name == "mlpgelu" else Convnet()
        shape = (28, 28) if model_name.startswith("mlp") else (28, 28, 1)
        if what == "train":
            x = torch.from_numpy(bc.images(a.samples, shape, a.seed))
            y = torch.from_numpy(bc.labels(a.samples, a.seed + 1))
            opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
            loss_fn = nn.CrossEntropyLoss()
            model.train()

            def epoch(n=a.samples):
                correct = 0
                for s in range(0, n, batch):
                    xb, yb = x[s:s + batch], y[s:s + batch]
                    opt.zero_grad(set_to_none=True)
                    out = model(xb)
                    loss = loss_fn(out, yb)
                    loss.backward()
                    opt.step()
                    correct += (out.argmax(1) == yb).sum().item()
                return correct
            epoch(min(a.samples, max(20 * batch, a.samples // 10) + a.samples % batch))
            wall, cpu = bc.timed_samples(epoch, a.samples, a.repeats)
            bc.report("pytorch", w, "samples/s", wall, cpu, a.threads)
        else:
            model.eval()
            if what == "infer":
                n = 10 * batch
                x = torch.from_numpy(bc.images(n, shape, a.seed))

                def run():
                    with torch.no_grad():
                        for s in range(0, n, batch):
                            torch.softmax(model(x[s:s + batch]), dim=1)
                run()
                wall, cpu = bc.timed_samples(run, n, a.repeats)
                bc.report("pytorch", w, "samples/s", wall, cpu, a.threads)
            else:
                x1 = torch.from_numpy(bc.images(1, shape, a.seed))

                def one():
                    with torch.no_grad():
                        torch.softmax(model(x1), dim=1)
                for _ in range(2000):
                    one()
                wall, cpu = bc.timed_latency(one, 2000, a.repeats)
                bc.report("pytorch", w, "ms", wall, cpu, a.threads)
            if a.onnx and what == "infer":
                torch.onnx.export(nn.Sequential(model, nn.Softmax(dim=1)), torch.from_numpy(bc.images(1, shape, 0)),
                                  a.onnx, input_names=["x"], output_names=["p"],
                                  dynamic_axes={"x": {0: "n"}, "p": {0: "n"}}, opset_version=13)


if __name__ == "__main__":
    main()
