"""Boxed Vector API work in the last 40 % of a JFR recording (see check.sh): allocation by the API's
fallback code and CPU samples inside it, by the first Airfoil method on the stack."""
import collections
import datetime
import json
import sys

API = ("jdk/incubator/vector", "jdk/internal/vm/vector")


def when(e):
    return datetime.datetime.fromisoformat(e["values"]["startTime"][:26].replace("Z", ""))


def caller(frames):
    for f in frames:
        name = f["method"]["type"]["name"]
        if name.startswith("dev/airfoil"):
            return name.split("/")[-1] + "." + f["method"]["name"]
    return "?"


alloc = json.load(open(sys.argv[1]))["recording"]["events"]
cpu = json.load(open(sys.argv[2]))["recording"]["events"]
times = [when(e) for e in cpu]
cut = min(times) + (max(times) - min(times)) * 0.6
total = boxed = 0
by = collections.Counter()
for e in alloc:
    st = e["values"].get("stackTrace")
    if when(e) < cut or not st:
        continue
    w = e["values"]["weight"]
    total += w
    if st["frames"][0]["method"]["type"]["name"].startswith(API):
        boxed += w
        by[caller(st["frames"])] += w
samples = inside = 0
where = collections.Counter()
for e in cpu:
    frames = e["values"]["stackTrace"]["frames"]
    if when(e) < cut or not frames:
        continue
    samples += 1
    if frames[0]["method"]["type"]["name"].startswith(API):
        inside += 1
        where[caller(frames)] += 1
print(f"allocated {total / 1e6:.0f} MB, of it boxed vectors {boxed / 1e6:.0f} MB "
      f"{[(k, round(w / 1e6)) for k, w in by.most_common(3)]}; CPU samples in the API's fallback "
      f"{inside} of {samples} {where.most_common(3)}")
