#!/usr/bin/python3
"""Float32 matmul throughput of NumPy on the shapes of Airfoil's JMH GEMM benchmarks.

Prints a table of GFLOP/s (median, or with --stat best the best, of several repeats; each repeat
times enough calls to last about `--min-time` seconds). FLOP count of C[m,n] = op(A)[m,k] @ op(B)[k,n] is 2*m*n*k.

Usage (Debian's NumPy with OpenBLAS; unset the OpenBLAS overrides for this command only):
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 tools/bench_numpy_matmul.py
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 tools/bench_numpy_matmul.py \
        --jmh jmh-result.json            # adds JMH's GFLOP/s and the ratio Airfoil / NumPy
"""
import argparse
import json
import os
import platform
import statistics
import sys
import time

import numpy as np

SQUARE = [32, 64, 128, 256, 512, 1024, 2048]
LAYERS = [(784, 300), (300, 100), (100, 10)]
BATCHES = [32, 128]


def shapes():
    """(label, transA, transB, m, n, k) in the order of the JMH benchmarks."""
    out = []
    for s in SQUARE:
        out.append((f"sgemm {s}x{s}x{s}", False, False, s, s, s))
    for b in BATCHES:
        for i, o in LAYERS:
            out.append((f"mlp b={b} {i}x{o} forward X.W", False, False, b, o, i))
            out.append((f"mlp b={b} {i}x{o} weightGrad X^T.dY", True, False, i, o, b))
            out.append((f"mlp b={b} {i}x{o} inputGrad dY.W^T", False, True, b, i, o))
    return out


def summarize(values, stat):
    return max(values) if stat == "best" else statistics.median(values)


def measure(ta, tb, m, n, k, repeats, min_time, stat):
    rng = np.random.default_rng(1)
    a = rng.uniform(-1, 1, (k, m) if ta else (m, k)).astype(np.float32)
    b = rng.uniform(-1, 1, (n, k) if tb else (k, n)).astype(np.float32)
    opa = a.T if ta else a
    opb = b.T if tb else b
    c = np.empty((m, n), dtype=np.float32)
    np.matmul(opa, opb, out=c)
    # calibrate the number of calls per repeat
    calls = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(calls):
            np.matmul(opa, opb, out=c)
        dt = time.perf_counter() - t0
        if dt >= min_time / 4 or calls > 1 << 22:
            break
        calls *= 2
    calls = max(1, int(calls * min_time / max(dt, 1e-9)))
    rates = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(calls):
            np.matmul(opa, opb, out=c)
        dt = time.perf_counter() - t0
        rates.append(2.0 * m * n * k * calls / dt / 1e9)
    return summarize(rates, stat)


def jmh_gflops(path, stat):
    """Maps (label) -> GFLOP/s from a JMH JSON result file (fast impl only), median or best iteration."""
    res = {}
    with open(path) as f:
        data = json.load(f)
    for r in data:
        name = r["benchmark"].rsplit(".", 2)
        cls, method = name[-2], name[-1]
        p = r.get("params", {})
        if p.get("impl", "fast") != "fast":
            continue
        raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]  # ops/s per iteration
        score = summarize(raw, stat)
        if cls == "SgemmBenchmark":
            s = int(p["size"])
            res[f"sgemm {s}x{s}x{s}"] = score * 2.0 * s ** 3 / 1e9
        elif cls == "MlpStepBenchmark":
            b = int(p["batch"])
            i, o = (int(x) for x in p["layer"].split("x"))
            label = {"forward": "forward X.W", "weightGrad": "weightGrad X^T.dY",
                     "inputGrad": "inputGrad dY.W^T"}[method]
            res[f"mlp b={b} {i}x{o} {label}"] = score * 2.0 * b * i * o / 1e9
    return res


def blas_info():
    try:
        from threadpoolctl import threadpool_info
        return "; ".join(f"{d.get('internal_api')} {d.get('version')} kernel={d.get('architecture')} "
                         f"threads={d.get('num_threads')}" for d in threadpool_info()
                         if d.get("user_api") == "blas")
    except ImportError:
        return "threadpoolctl not installed"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--min-time", type=float, default=0.3, help="seconds per repeat")
    ap.add_argument("--jmh", help="JMH JSON result file (-rf json) to put next to NumPy")
    ap.add_argument("--only", help="substring filter on the shape label")
    ap.add_argument("--stat", choices=["median", "best"], default="median",
                    help="median or best repeat (best is the fairer peak on a shared, noisy machine); "
                         "applied to JMH's iterations too")
    args = ap.parse_args()
    jmh = jmh_gflops(args.jmh, args.stat) if args.jmh else {}
    print(f"# numpy {np.__version__}, python {platform.python_version()}, {os.cpu_count()} cpus; BLAS: {blas_info()}")
    print(f"# OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')} OPENBLAS_L2_SIZE={os.environ.get('OPENBLAS_L2_SIZE')}")
    print(f"# {args.stat} of {args.repeats} repeats of >= {args.min_time}s; GFLOP/s = 2*m*n*k*calls/seconds/1e9"
          + (f"; JMH: {args.stat} iteration of {args.jmh}" if args.jmh else ""))
    print(f"# load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    header = f"| {'shape':36} | {'m':>5} {'n':>5} {'k':>5} | {'NumPy GFLOP/s':>13} |"
    if jmh:
        header += f" {'Airfoil GFLOP/s':>15} | {'Airfoil/NumPy':>13} |"
    print(header)
    print("|" + "-" * (len(header) - 2) + "|")
    for label, ta, tb, m, n, k in shapes():
        if args.only and args.only not in label:
            continue
        g = measure(ta, tb, m, n, k, args.repeats, args.min_time, args.stat)
        row = f"| {label:36} | {m:5d} {n:5d} {k:5d} | {g:13.1f} |"
        if jmh:
            j = jmh.get(label)
            row += f" {j:15.1f} | {j / g:13.2f} |" if j else f" {'-':>15} | {'-':>13} |"
        print(row, flush=True)


if __name__ == "__main__":
    sys.exit(main())
