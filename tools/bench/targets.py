#!/usr/bin/env python3
"""Issue 9's targets in every committed side-by-side run (benchmarks/results/e2e-compare-run*.jsonl, the
JSON lines of tools/bench/compare.sh), one line per file, then how many runs met each target:

  seed MLP training, batch 32      >= 1.5x the better of PyTorch and Keras+JAX
  seed MLP training, batch 128     >= 1.2x
  seed MLP inference, batch 1000   >= 1.2x
  convnet training, batch 128      >= 2x
  seed MLP, one sample             <= 0.05 ms
  peak resident memory             below both peers' in every workload of the run

Each framework at its best thread setting, medians over the run's rounds, as tools/bench/compare_table.py
prints them (the same code reads the files). A cell is "-" where the run did not measure the workload.

  tools/bench/targets.py                       # every run from 41 (compare.sh's rounds and ceilings since then)
  tools/bench/targets.py --from 1 [FILES...]   # other runs, or the files given

Files without any of the issue's workloads (the GELU MLP's runs) are left out.
"""
import argparse
import glob
import os
import re

from compare_table import Run, speedup

PEERS = ("pytorch", "keras-jax")
# (workload, column, target, kind): "x" a speedup over the better peer, "ms" Airfoil's latency
TARGETS = [("mlp-train-32", "b32", 1.5, "x"), ("mlp-train-128", "b128", 1.2, "x"),
           ("mlp-infer-1000", "infer", 1.2, "x"), ("convnet-train-128", "conv", 2.0, "x"),
           ("mlp-latency", "1 sample", 0.05, "ms")]
# the workloads (the memory target covers them all; runs of other workloads, such as the GELU MLP's, are left out)
WORKLOADS = ("mlp-train-32", "mlp-train-128", "convnet-train-128", "mlp-infer-1000", "mlp-latency",
             "convnet-infer-1000", "convnet-latency")


def run_number(path):
    m = re.search(r"run(\d+)", os.path.basename(path))
    return int(m.group(1)) if m else None


def check(run):
    """Per target: (cell text, met or None when not measured); then the memory check."""
    cells = []
    for w, _, target, kind in TARGETS:
        a = run.best("airfoil", w)
        if kind == "ms":
            cells.append(("%.3f ms" % a["median"], a["median"] <= target) if a else ("-", None))
            continue
        # against the faster of PyTorch and Keras+JAX, each at its best thread setting
        s = speedup(a, run.best(PEERS, w))
        cells.append(("%.2fx" % s, s >= target) if s is not None else ("-", None))
    below = None
    for w in [w for w in run.order if w in WORKLOADS]:
        a = run.best("airfoil", w)
        ps = [run.best(f, w) for f in PEERS]
        if a and all(ps):
            ok = all(a["peak_rss_mb"] < p["peak_rss_mb"] for p in ps)
            below = ok if below is None else below and ok
    cells.append(("below" if below else "-" if below is None else "ABOVE", below))
    return cells


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--from", dest="first", type=int, default=41, help="first run number (default 41)")
    ap.add_argument("files", nargs="*", help="compare.sh JSON-lines files (default: the committed runs)")
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    files = args.files or glob.glob(os.path.join(root, "benchmarks", "results", "e2e-compare-run*.jsonl"))
    files = [f for f in files if args.files or (run_number(f) or 0) >= args.first]
    files.sort(key=lambda f: (run_number(f) or 0, f))
    names = [t[1] for t in TARGETS] + ["RSS"]
    print("| run | " + " | ".join(names) + " | all measured met |")
    print("|" + "---|" * (len(names) + 2))
    met = {n: [0, 0] for n in names}
    for f in files:
        run = Run(f)
        if not any(w in WORKLOADS for w in run.order):
            continue
        cells = check(run)
        for n, (_, ok) in zip(names, cells):
            if ok is not None:
                met[n][0] += ok
                met[n][1] += 1
        measured = [ok for _, ok in cells if ok is not None]
        all_met = "yes" if measured and all(measured) else "no"
        label = os.path.basename(f)[len("e2e-compare-"):-len(".jsonl")]
        print("| " + label + " | " + " | ".join(c for c, _ in cells) + " | " + all_met + " |")
    print()
    print("met in: " + ", ".join("%s %d of %d" % (n, m[0], m[1]) for n, m in met.items()))


if __name__ == "__main__":
    main()
