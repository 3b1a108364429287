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
marks a period in which the VM's core was shared and every GEMM ran slower."""
import json
import statistics
import sys

raw = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
CEILINGS = ("fma-ceiling", "gemm-shape-ceiling")
ceilings = {}
shapes = {}
for r in raw:
    if r["framework"] in CEILINGS:
        into = ceilings if r["framework"] == "fma-ceiling" else shapes
        into.setdefault((r["workload"], r["threads"]), []).append(r["gflops"])
raw = [r for r in raw if r["framework"] not in CEILINGS]
# compare.sh with ROUNDS > 1 runs each (framework, thread setting, workload) once per round: combine
# them into one row with the median of the rounds' medians, GFLOP/s likewise, and the largest peak RSS.
groups = {}
for r in raw:
    groups.setdefault((r["framework"], r["workload"], r["threads"]), []).append(r)
rows = []
for g in groups.values():
    r = dict(g[0])
    r["median"] = statistics.median(x["median"] for x in g)
    if "gflops" in r:
        r["gflops"] = statistics.median(x["gflops"] for x in g)
    r["peak_rss_mb"] = max(x["peak_rss_mb"] for x in g)
    r["rounds"] = len(g)
    rows.append(r)
order = []
for r in rows:
    if r["workload"] not in order:
        order.append(r["workload"])
with_ort = any(r["framework"] == "onnxruntime" for r in rows)


def best(fw, w):
    c = [r for r in rows if r["framework"] == fw and r["workload"] == w]
    if not c:
        return None
    lower = c[0]["unit"] == "ms"
    return min(c, key=lambda r: r["median"]) if lower else max(c, key=lambda r: r["median"])


def ratio(a, p):
    if not a or not p:
        return "-"
    return "%.2fx" % ((p["median"] / a["median"]) if a["unit"] == "ms" else (a["median"] / p["median"]))


def fmt(r):
    if not r:
        return "-"
    v = ("%.3f ms" % r["median"]) if r["unit"] == "ms" else ("{:,.0f}/s".format(r["median"]))
    return v + (" (%st)" % r["threads"])


peers = [("pytorch", "PyTorch", "PyTorch", "T"), ("keras-jax", "Keras+JAX", "Keras", "K")]
if with_ort:
    peers.append(("onnxruntime", "ONNX Runtime", "ORT", "O"))
head = ["workload", "Airfoil (threads)"] + ["%s (threads)" % p[1] for p in peers] \
    + ["vs %s" % p[2] for p in peers] + ["Airfoil GFLOP/s", "peak RSS MB A / " + " / ".join(p[3] for p in peers)]
if ceilings:
    head += ["FMA ceiling 1t / 2t GFLOP/s", "Airfoil % of ceiling"]
if shapes:
    head += ["kernel-shape ceiling 1t / 2t"]


def ceiling(w, threads, of=None):
    g = (ceilings if of is None else of).get((w, threads))
    return statistics.median(g) if g else None


def one_and_two(w, of=None):
    return " / ".join("%.0f" % c if c else "-" for c in (ceiling(w, 1, of), ceiling(w, 2, of)))


def ceiling_cells(w, a):
    own = ceiling(w, a["threads"]) if a else None
    share = "%.0f %%" % (100 * a["gflops"] / own) if own and a and a["unit"] != "ms" and a.get("gflops") else "-"
    cells = [one_and_two(w), share]
    if shapes:
        cells.append(one_and_two(w, shapes))
    return cells


print("| " + " | ".join(head) + " |")
print("|" + "---|" * len(head))
for w in order:
    a = best("airfoil", w)
    ps = [best(p[0], w) for p in peers]
    rss = " / ".join("%.0f" % r["peak_rss_mb"] if r else "-" for r in [a] + ps)
    cells = [w, fmt(a)] + [fmt(p) for p in ps] + [ratio(a, p) for p in ps] \
        + ["%.1f" % a["gflops"] if a else "-", rss]
    if ceilings:
        cells += ceiling_cells(w, a)
    print("| " + " | ".join(cells) + " |")
