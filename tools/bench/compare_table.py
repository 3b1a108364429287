#!/usr/bin/env python3
"""Prints the side-by-side table of tools/bench/compare.sh from its JSON lines: per workload the
median of Airfoil, of PyTorch and of Keras+JAX (each peer at its best thread setting, named), the
ratios Airfoil/peer (>1: Airfoil faster; for latency the peer's time over Airfoil's), GFLOP/s and
peak RSS."""
import json
import sys

rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
order = []
for r in rows:
    if r["workload"] not in order:
        order.append(r["workload"])


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


print("| workload | Airfoil (threads) | PyTorch (threads) | Keras+JAX (threads) | vs PyTorch | vs Keras | Airfoil GFLOP/s | peak RSS MB A / T / K |")
print("|---|---|---|---|---|---|---|---|")
for w in order:
    a, t, k = best("airfoil", w), best("pytorch", w), best("keras-jax", w)
    rss = " / ".join("%.0f" % r["peak_rss_mb"] if r else "-" for r in (a, t, k))
    print("| %s | %s | %s | %s | %s | %s | %s | %s |" % (w, fmt(a), fmt(t), fmt(k), ratio(a, t), ratio(a, k),
                                                       "%.1f" % a["gflops"] if a else "-", rss))
