#!/usr/bin/env python3
"""Prints the side-by-side table of tools/bench/compare.sh from its JSON lines: per workload the
median of Airfoil, of PyTorch and of Keras+JAX (each peer at its best thread setting, named), the
ratios Airfoil/peer (>1: Airfoil faster; for latency the peer's time over Airfoil's), GFLOP/s and
peak RSS (several rounds of compare.sh: medians over the rounds, largest RSS). When the lines include ONNX Runtime's (compare.sh with ONNX=1, inference workloads only),
the table gains an ONNX Runtime column and its ratio; training rows show "-" there. Lines of
tools/bench/ceiling/FmaCeiling.java (compare.sh measures the machine's register-only FMA throughput before
every framework's turn) add the ceiling per workload (median over its measurements, 1 and 2 threads) and
Airfoil's GFLOP/s as a share of the ceiling at Airfoil's best thread setting; a workload's GFLOP/s count
model FLOPs (training = 3 x forward), as `airfoil bench` does. FmaCeiling's second loop, of the GEMM
micro-kernel's shape ("gemm-shape-ceiling"), adds its own column when present: far below the FMA ceiling, it
marks a period in which the VM's core was shared and every GEMM ran slower.

tools/bench/targets.py reads the same files through load(), best() and speedup()."""
import json
import statistics
import sys

CEILINGS = ("fma-ceiling", "gemm-shape-ceiling")


class Run:
    """One compare.sh JSON-lines file: rows per (framework, workload, thread setting), the rounds combined
    (median of the rounds' medians, GFLOP/s likewise, the largest peak RSS), and the ceilings' measurements."""

    def __init__(self, path):
        raw = [json.loads(l) for l in open(path) if l.startswith("{")]
        self.ceilings = {}
        self.shapes = {}
        for r in raw:
            if r["framework"] in CEILINGS:
                into = self.ceilings if r["framework"] == "fma-ceiling" else self.shapes
                into.setdefault((r["workload"], r["threads"]), []).append(r["gflops"])
        groups = {}
        for r in raw:
            if r["framework"] not in CEILINGS:
                groups.setdefault((r["framework"], r["workload"], r["threads"]), []).append(r)
        self.rows = []
        for g in groups.values():
            r = dict(g[0])
            r["median"] = statistics.median(x["median"] for x in g)
            if "gflops" in r:
                r["gflops"] = statistics.median(x["gflops"] for x in g)
            r["peak_rss_mb"] = max(x["peak_rss_mb"] for x in g)
            r["rounds"] = len(g)
            self.rows.append(r)
        self.order = []
        for r in self.rows:
            if r["workload"] not in self.order:
                self.order.append(r["workload"])

    def best(self, fw, w):
        """The framework's row at its best thread setting for the workload, or None; given a tuple of
        frameworks, the best row of any of them."""
        names = fw if isinstance(fw, tuple) else (fw,)
        c = [r for r in self.rows if r["framework"] in names and r["workload"] == w]
        if not c:
            return None
        lower = c[0]["unit"] == "ms"
        return min(c, key=lambda r: r["median"]) if lower else max(c, key=lambda r: r["median"])

    def ceiling(self, w, threads, shape=False):
        g = (self.shapes if shape else self.ceilings).get((w, threads))
        return statistics.median(g) if g else None


def speedup(a, p):
    """Airfoil's row over a peer's: > 1 when Airfoil is faster (for latency the peer's time over Airfoil's)."""
    if not a or not p:
        return None
    return (p["median"] / a["median"]) if a["unit"] == "ms" else (a["median"] / p["median"])


def ratio(a, p):
    s = speedup(a, p)
    return "-" if s is None else "%.2fx" % s


def fmt(r):
    if not r:
        return "-"
    v = ("%.3f ms" % r["median"]) if r["unit"] == "ms" else ("{:,.0f}/s".format(r["median"]))
    return v + (" (%st)" % r["threads"])


def table(run):
    """The table's lines (Markdown)."""
    with_ort = any(r["framework"] == "onnxruntime" for r in run.rows)
    peers = [("pytorch", "PyTorch", "PyTorch", "T"), ("keras-jax", "Keras+JAX", "Keras", "K")]
    if with_ort:
        peers.append(("onnxruntime", "ONNX Runtime", "ORT", "O"))
    head = ["workload", "Airfoil (threads)"] + ["%s (threads)" % p[1] for p in peers] \
        + ["vs %s" % p[2] for p in peers] + ["Airfoil GFLOP/s", "peak RSS MB A / " + " / ".join(p[3] for p in peers)]
    if run.ceilings:
        head += ["FMA ceiling 1t / 2t GFLOP/s", "Airfoil % of ceiling"]
    if run.shapes:
        head += ["kernel-shape ceiling 1t / 2t"]

    def one_and_two(w, shape=False):
        return " / ".join("%.0f" % c if c else "-" for c in (run.ceiling(w, 1, shape), run.ceiling(w, 2, shape)))

    def ceiling_cells(w, a):
        own = run.ceiling(w, a["threads"]) if a else None
        share = "%.0f %%" % (100 * a["gflops"] / own) if own and a and a["unit"] != "ms" and a.get("gflops") else "-"
        cells = [one_and_two(w), share]
        if run.shapes:
            cells.append(one_and_two(w, True))
        return cells

    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for w in run.order:
        a = run.best("airfoil", w)
        ps = [run.best(p[0], w) for p in peers]
        rss = " / ".join("%.0f" % r["peak_rss_mb"] if r else "-" for r in [a] + ps)
        cells = [w, fmt(a)] + [fmt(p) for p in ps] + [ratio(a, p) for p in ps] \
            + ["%.1f" % a["gflops"] if a else "-", rss]
        if run.ceilings:
            cells += ceiling_cells(w, a)
        lines.append("| " + " | ".join(cells) + " |")
    return lines


if __name__ == "__main__":
    print("\n".join(table(Run(sys.argv[1]))))
