"""Shared helpers of the peer benchmark scripts: synthetic data, FLOP counts, timing and JSON output.

Each script prints one JSON object per workload, in the format `airfoil bench --json` prints.
"""
import json
import os
import resource
import statistics
import time

import numpy as np

WORKLOADS = ["mlp-train-32", "mlp-train-128", "convnet-train-128", "mlp-infer-1000", "mlp-latency",
             "convnet-infer-1000", "convnet-latency"]
# Not in "all": the seed MLP with exact GELU hidden layers (the activations' own cost; GELU's FLOPs not counted).
EXTRA_WORKLOADS = ["mlpgelu-train-32", "mlpgelu-infer-1000"]


def parse(kind):
    """(model, kind, batch) of a workload name."""
    model, what, batch = kind.split("-") if kind.count("-") == 2 else (*kind.split("-"), "1")
    return model, what, int(batch)


def forward_macs(model):
    if model.startswith("mlp"):
        return 784 * 300 + 300 * 100 + 100 * 10
    return 26 * 26 * 32 * 9 + 11 * 11 * 64 * 9 * 32 + 1600 * 10


def flops_per_sample(model, what):
    f = 2 * forward_macs(model)
    return 3 * f if what == "train" else f


def images(n, shape, seed):
    rng = np.random.default_rng(seed)
    return rng.random((n, *shape), dtype=np.float32)


def labels(n, seed):
    rng = np.random.default_rng(seed)
    return rng.integers(0, 10, size=n).astype(np.int64)


def cpu():
    t = os.times()
    return t.user + t.system


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def report(framework, workload, unit, values, cpu_values, threads, extra=None):
    model, what, _ = parse(workload)
    med = statistics.median(values)
    best = min(values) if unit == "ms" else max(values)
    per_s = 1000.0 / med if unit == "ms" else med
    out = {"framework": framework, "workload": workload, "unit": unit, "median": med, "best": best,
           "cpu_median": statistics.median(cpu_values),
           "gflops": per_s * flops_per_sample(model, what) / 1e9, "peak_rss_mb": peak_rss_mb(),
           "threads": threads, "samples": values}
    if extra:
        out.update(extra)
    print(json.dumps(out), flush=True)


def timed_samples(fn, n, repeats):
    """Calls fn() repeats times; returns samples/s (wall) and samples per CPU-second for n samples per call."""
    wall, cpus = [], []
    for _ in range(repeats):
        c0, t0 = cpu(), time.perf_counter()
        fn()
        dt, dc = time.perf_counter() - t0, cpu() - c0
        wall.append(n / dt)
        cpus.append(n / dc if dc > 0 else float("nan"))
    return wall, cpus


def timed_latency(fn, calls, repeats):
    """ms per call (wall) and CPU ms per call."""
    wall, cpus = [], []
    for _ in range(repeats):
        c0, t0 = cpu(), time.perf_counter()
        for _ in range(calls):
            fn()
        wall.append((time.perf_counter() - t0) * 1000 / calls)
        cpus.append((cpu() - c0) * 1000 / calls)
    return wall, cpus
