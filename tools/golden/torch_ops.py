#!/usr/bin/env python3
"""Golden tensor-op values and gradients from PyTorch (float64).

    /usr/bin/python3 tools/golden/torch_ops.py      # Debian's python3-torch

Writes core/src/test/resources/golden/ops_torch.json. Schema: see
tools/golden/README.md. For every differentiable case the gradient of
sum(output * weight) with respect to every floating-point input is recorded,
where weight is a fixed random tensor of the output's shape.

Inputs come from Python's random.Random(seed) rounded to 6 decimals, so the
decimal strings in the JSON are exactly the values used.
"""
import json
import math
import os
import random

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(REPO, "core", "src", "test", "resources", "golden", "ops_torch.json")

torch.set_default_dtype(torch.float64)
RNG = random.Random(1234)


def numel(shape):
    return math.prod(shape)


def rand(shape, lo=-2.0, hi=2.0, avoid_zero=False, sign=False):
    """Random float64 tensor; avoid_zero keeps |v| >= 0.25; sign randomizes the sign of
    values drawn in [lo, hi] (lo > 0)."""
    vals = []
    for _ in range(numel(shape)):
        while True:
            v = round(RNG.uniform(lo, hi), 6)
            if sign and RNG.random() < 0.5:
                v = -v
            if not avoid_zero or abs(v) >= 0.25:
                break
        vals.append(v)
    return torch.tensor(vals, dtype=torch.float64).reshape(shape)


def as_list(t):
    t = t.detach()
    if t.dtype == torch.bool:
        return [1 if v else 0 for v in t.reshape(-1).tolist()]
    if t.dtype in (torch.int64, torch.int32):
        return [int(v) for v in t.reshape(-1).tolist()]
    return [float(v) for v in t.reshape(-1).tolist()]


def dtype_name(t):
    return {torch.float64: "float64", torch.int64: "int64", torch.bool: "bool"}[t.dtype]


def tensor_json(t):
    return {"shape": list(t.shape), "dtype": dtype_name(t), "data": as_list(t)}


CASES = []


def case(name, op, params, inputs, fn, forward_only=False, note=None):
    """inputs: list of tensors; fn(*inputs) -> tensor."""
    leaves = []
    for t in inputs:
        if t.dtype == torch.float64 and not forward_only:
            leaves.append(t.clone().requires_grad_(True))
        else:
            leaves.append(t.clone())
    out = fn(*leaves)
    entry = {
        "name": name,
        "op": op,
        "params": params,
        "inputs": [tensor_json(t) for t in inputs],
        "output": tensor_json(out),
    }
    if forward_only or out.dtype != torch.float64:
        entry["weight"] = None
        entry["grads"] = None
    else:
        w = rand(list(out.shape), -1.0, 1.0)
        loss = (out * w).sum()
        diff = [t for t in leaves if t.requires_grad]
        gs = torch.autograd.grad(loss, diff, allow_unused=True)
        it = iter(gs)
        grads = []
        for t in leaves:
            if t.requires_grad:
                g = next(it)
                if g is None:
                    g = torch.zeros_like(t)
                grads.append({"shape": list(g.shape), "data": as_list(g)})
            else:
                grads.append(None)
        entry["weight"] = {"shape": list(w.shape), "data": as_list(w)}
        entry["grads"] = grads
    if note:
        entry["note"] = note
    CASES.append(entry)


def build():
    # ---- elementwise binary with broadcasting
    for op, fn in (("add", torch.add), ("sub", torch.sub), ("mul", torch.mul)):
        case(f"{op}_same_shape", op, {}, [rand([2, 3]), rand([2, 3])], fn)
        case(f"{op}_broadcast_3x1x4_2x4", op, {}, [rand([3, 1, 4]), rand([2, 4])], fn)
        case(f"{op}_broadcast_2x3_1x3", op, {}, [rand([2, 3]), rand([1, 3])], fn)
        case(f"{op}_scalar_rank0", op, {}, [rand([2, 3]), rand([])], fn)
    case("div_same_shape", "div", {}, [rand([2, 3]), rand([2, 3], 0.5, 2.0, sign=True)], torch.div)
    case("div_broadcast_3x1x4_2x4", "div", {}, [rand([3, 1, 4]), rand([2, 4], 0.5, 2.0, sign=True)], torch.div)
    case("div_broadcast_2x4_3x1x4", "div", {}, [rand([2, 4]), rand([3, 1, 4], 0.5, 2.0, sign=True)], torch.div)
    case("div_size1_both", "div", {}, [rand([4, 1]), rand([1, 3], 0.5, 2.0, sign=True)], torch.div)
    # ---- elementwise unary
    case("neg", "neg", {}, [rand([2, 3])], torch.neg)
    case("abs", "abs", {}, [rand([2, 3], avoid_zero=True)], torch.abs)
    case("sign", "sign", {}, [torch.tensor([[-1.5, 0.0, 2.25], [0.5, -0.0, -3.0]])], torch.sign,
         note="includes 0 and -0.0; gradient is 0 everywhere")
    case("pow_tensor_tensor", "pow", {}, [rand([2, 3], 0.5, 3.0), rand([2, 3])], torch.pow)
    case("pow_tensor_tensor_broadcast", "pow", {}, [rand([3, 1], 0.5, 3.0), rand([1, 4])], torch.pow)
    case("pow_scalar_2.5", "pow", {"exponent": 2.5}, [rand([2, 3], 0.5, 3.0)], lambda a: torch.pow(a, 2.5))
    case("pow_scalar_2_negative_base", "pow", {"exponent": 2.0}, [rand([2, 3])], lambda a: torch.pow(a, 2.0))
    case("pow_scalar_3_negative_base", "pow", {"exponent": 3.0}, [rand([2, 3])], lambda a: torch.pow(a, 3.0))
    case("sqrt", "sqrt", {}, [rand([2, 3], 0.1, 4.0)], torch.sqrt)
    case("exp", "exp", {}, [rand([2, 3], -3.0, 3.0)], torch.exp)
    case("log", "log", {}, [rand([2, 3], 0.1, 5.0)], torch.log)
    case("log1p", "log1p", {}, [rand([2, 3], -0.9, 3.0)], torch.log1p)
    case("tanh", "tanh", {}, [rand([2, 3], -3.0, 3.0)], torch.tanh)
    case("sigmoid", "sigmoid", {}, [rand([2, 3], -5.0, 5.0)], torch.sigmoid)
    case("erf", "erf", {}, [rand([2, 3], -2.0, 2.0)], torch.erf)
    # ---- min / max / clamp / where
    case("minimum", "minimum", {}, [rand([2, 3]), rand([2, 3])], torch.minimum)
    case("maximum", "maximum", {}, [rand([2, 3]), rand([2, 3])], torch.maximum)
    case("maximum_broadcast", "maximum", {}, [rand([3, 1, 4]), rand([2, 4])], torch.maximum)
    case("minimum_broadcast", "minimum", {}, [rand([2, 1]), rand([1, 3])], torch.minimum)
    tie_note = ("inputs equal at indices 0 and 2: torch splits the upstream gradient 0.5/0.5 "
                "between the two inputs there (JAX does the same)")
    case("maximum_ties", "maximum", {}, [torch.tensor([1.0, 2.0, -1.0]), torch.tensor([1.0, 0.5, -1.0])],
         torch.maximum, note=tie_note)
    case("minimum_ties", "minimum", {}, [torch.tensor([1.0, 2.0, -1.0]), torch.tensor([1.0, 0.5, -1.0])],
         torch.minimum, note=tie_note)
    case("clamp", "clamp", {"min": -0.5, "max": 0.5},
         [torch.tensor([[-2.0, -0.5, -0.2, 0.0], [0.3, 0.5, 0.7, 1.9]])],
         lambda a: torch.clamp(a, -0.5, 0.5),
         note="boundary values -0.5 and 0.5 included: torch passes the gradient there (min <= x <= max)")
    case("clamp_random", "clamp", {"min": -0.5, "max": 0.5}, [rand([3, 4])], lambda a: torch.clamp(a, -0.5, 0.5))
    cond = torch.tensor([[True, False, True], [False, False, True]])
    case("where", "where", {}, [cond, rand([2, 3]), rand([2, 3])], torch.where)
    case("where_broadcast", "where", {}, [torch.tensor([[True], [False]]), rand([1, 3]), rand([2, 3])],
         torch.where, note="cond (2,1), x (1,3), y (2,3): x's grad is summed over the broadcast axis")
    # ---- reductions
    x = rand([2, 3, 4])
    for dims in (None, [0], [1], [-1], [0, 2]):
        for keep in (False, True):
            tag = "all" if dims is None else "_".join(str(d) for d in dims)
            kd = "_keepdim" if keep else ""
            for op in ("sum", "mean", "amax", "amin"):
                if dims is None:
                    if keep:
                        f = (lambda o: lambda a: getattr(torch, o)(a, dim=list(range(a.dim())), keepdim=True))(op)
                    else:
                        f = (lambda o: lambda a: getattr(torch, o)(a))(op)
                else:
                    f = (lambda o, d, k: lambda a: getattr(torch, o)(a, dim=d, keepdim=k))(op, dims, keep)
                case(f"{op}_{tag}{kd}", op, {"axes": dims, "keepdim": keep}, [x], f)
            f = (lambda d, k: lambda a: torch.var(a, dim=d, unbiased=False, keepdim=k))(
                dims if dims is not None else list(range(3)), keep)
            case(f"var_{tag}{kd}", "var", {"axes": dims, "keepdim": keep, "unbiased": False}, [x], f)
            f = (lambda d, k: lambda a: torch.logsumexp(a, dim=d, keepdim=k))(
                dims if dims is not None else list(range(3)), keep)
            case(f"logsumexp_{tag}{kd}", "logsumexp", {"axes": dims, "keepdim": keep}, [x], f)
            f = (lambda d, k: lambda a: torch.linalg.vector_norm(a, 2, dim=d, keepdim=k))(dims, keep)
            case(f"norm2_{tag}{kd}", "norm", {"ord": 2, "axes": dims, "keepdim": keep}, [x], f)
    case("logsumexp_large", "logsumexp", {"axes": [1], "keepdim": False},
         [torch.tensor([[1000.0, 1001.0, 999.0], [-1000.0, -1002.0, -1001.0]])],
         lambda a: torch.logsumexp(a, dim=1), note="numerically stable (max-shifted) form required")
    # ---- shape ops
    x = rand([2, 3, 4])
    case("reshape_4x6", "reshape", {"shape": [4, 6]}, [x], lambda a: a.reshape(4, 6))
    case("reshape_minus1", "reshape", {"shape": [-1]}, [x], lambda a: a.reshape(-1))
    case("reshape_3_minus1_2", "reshape", {"shape": [3, -1, 2]}, [x], lambda a: a.reshape(3, -1, 2))
    case("permute_2_0_1", "permute", {"dims": [2, 0, 1]}, [x], lambda a: a.permute(2, 0, 1))
    case("transpose_0_2", "transpose", {"dim0": 0, "dim1": 2}, [x], lambda a: a.transpose(0, 2))
    case("transpose_2d", "transpose", {"dim0": 0, "dim1": 1}, [rand([3, 5])], lambda a: a.t())
    case("expand_1x3x1_to_2x3x4", "expand", {"shape": [2, 3, 4]}, [rand([1, 3, 1])], lambda a: a.expand(2, 3, 4))
    case("broadcast_to_3_to_2x4x3", "broadcast_to", {"shape": [2, 4, 3]}, [rand([3])],
         lambda a: torch.broadcast_to(a, (2, 4, 3)))
    case("squeeze_dim1", "squeeze", {"dim": 1}, [rand([2, 1, 3])], lambda a: a.squeeze(1))
    case("squeeze_all", "squeeze", {"dim": None}, [rand([1, 2, 1, 3, 1])], lambda a: a.squeeze())
    case("unsqueeze_0", "unsqueeze", {"dim": 0}, [rand([2, 3])], lambda a: a.unsqueeze(0))
    case("unsqueeze_m1", "unsqueeze", {"dim": -1}, [rand([2, 3])], lambda a: a.unsqueeze(-1))
    x = rand([3, 4, 5])
    case("slice_steps", "slice", {"slices": [[None, None, 2], [1, None, None], [None, None, 2]]},
         [x], lambda a: a[::2, 1:, ::2], note="slices are [start, stop, step] per axis, None = default")
    case("slice_index_and_range", "slice",
         {"slices": [[1, 2, 1], [None, None, None], [1, 4, 2]], "squeeze_axes": [0]},
         [x], lambda a: a[1, :, 1:4:2], note="x[1, :, 1:4:2]: integer index on axis 0 drops that axis")
    case("slice_negative_bounds", "slice", {"slices": [[-2, None, None], [None, -1, None], [-3, None, 1]]},
         [x], lambda a: a[-2:, :-1, -3:])
    a, b = rand([2, 3]), rand([1, 3])
    case("cat_dim0", "cat", {"dim": 0}, [a, b], lambda p, q: torch.cat([p, q], dim=0))
    case("cat_dim_m1", "cat", {"dim": -1}, [rand([2, 2, 3]), rand([2, 2, 1]), rand([2, 2, 2])],
         lambda p, q, r: torch.cat([p, q, r], dim=-1))
    case("stack_dim0", "stack", {"dim": 0}, [rand([2, 3]), rand([2, 3])], lambda p, q: torch.stack([p, q], 0))
    case("stack_dim_m1", "stack", {"dim": -1}, [rand([2, 3]), rand([2, 3]), rand([2, 3])],
         lambda p, q, r: torch.stack([p, q, r], -1))
    x = rand([2, 5])
    for i in range(2):
        case(f"split_sizes_2_3_dim1_part{i}", "split", {"sizes": [2, 3], "dim": 1, "index": i}, [x],
             (lambda k: lambda a: torch.split(a, [2, 3], dim=1)[k])(i),
             note="one case per output piece; output/grads refer to piece 'index'")
    x = rand([4, 3])
    for i in range(2):
        case(f"split_equal_2_dim0_part{i}", "split", {"sections": 2, "dim": 0, "index": i}, [x],
             (lambda k: lambda a: torch.split(a, 2, dim=0)[k])(i),
             note="one case per output piece; output/grads refer to piece 'index'")
    case("pad_constant", "pad", {"pad_torch": [1, 2, 0, 1], "pad_per_axis": [[0, 0], [0, 1], [1, 2]],
                                 "value": 0.5},
         [rand([2, 3, 4])], lambda a: F.pad(a, (1, 2, 0, 1), mode="constant", value=0.5),
         note="pad_torch is torch's order (last axis first: left,right, then 2nd-last); "
              "pad_per_axis is NumPy/Keras order [[before, after], ...]")
    case("pad_constant_zero_2d", "pad", {"pad_torch": [2, 0, 1, 1], "pad_per_axis": [[1, 1], [2, 0]],
                                         "value": 0.0},
         [rand([2, 3])], lambda a: F.pad(a, (2, 0, 1, 1)))
    # ---- indexing
    x = rand([3, 4])
    idx = torch.tensor([2, 0, 2], dtype=torch.int64)
    case("index_select_dim1", "index_select", {"dim": 1}, [x, idx], lambda a, i: torch.index_select(a, 1, i),
         note="repeated index 2: gradient accumulates")
    case("index_select_dim0", "index_select", {"dim": 0}, [x, torch.tensor([1, 1, 0, 2])],
         lambda a, i: torch.index_select(a, 0, i))
    gidx = torch.tensor([[0, 3], [1, 1], [2, 0]], dtype=torch.int64)
    case("gather_dim1", "gather", {"dim": 1}, [x, gidx], lambda a, i: torch.gather(a, 1, i))
    case("take_flat", "take", {}, [x, torch.tensor([[0, 5], [11, 5]], dtype=torch.int64)],
         lambda a, i: torch.take(a, i), note="indices into the flattened (row-major) input")
    case("one_hot", "one_hot", {"num_classes": 4}, [torch.tensor([0, 2, 1, 3, 2], dtype=torch.int64)],
         lambda i: F.one_hot(i, 4), forward_only=True, note="int64 output; forward only")
    case("one_hot_2d", "one_hot", {"num_classes": 3}, [torch.tensor([[0, 2], [1, 1]], dtype=torch.int64)],
         lambda i: F.one_hot(i, 3), forward_only=True, note="int64 output; forward only")
    # ---- matmul
    mm = [
        ("matmul_1d_1d", [4], [4]),
        ("matmul_1d_2d", [4], [4, 3]),
        ("matmul_2d_1d", [3, 4], [4]),
        ("matmul_2d_2d", [2, 4], [4, 3]),
        ("matmul_batched_3d_2d", [2, 3, 4], [4, 5]),
        ("matmul_batched_3d_3d", [2, 3, 4], [2, 4, 5]),
        ("matmul_broadcast_2x1x3x4_5x4x2", [2, 1, 3, 4], [5, 4, 2]),
        ("matmul_1d_3d", [4], [2, 4, 3]),
        ("matmul_3d_1d", [2, 3, 4], [4]),
    ]
    for name, sa, sb in mm:
        case(name, "matmul", {}, [rand(sa), rand(sb)], torch.matmul)
    # ---- softmax family
    x = rand([3, 4], -3.0, 3.0)
    case("softmax_dim_m1", "softmax", {"dim": -1}, [x], lambda a: torch.softmax(a, -1))
    case("softmax_dim0", "softmax", {"dim": 0}, [x], lambda a: torch.softmax(a, 0))
    case("softmax_3d_dim1", "softmax", {"dim": 1}, [rand([2, 3, 4])], lambda a: torch.softmax(a, 1))
    case("log_softmax_dim_m1", "log_softmax", {"dim": -1}, [x], lambda a: torch.log_softmax(a, -1))
    case("log_softmax_dim0", "log_softmax", {"dim": 0}, [x], lambda a: torch.log_softmax(a, 0))
    case("softmax_large", "softmax", {"dim": -1}, [torch.tensor([[1000.0, 1001.0, 999.0], [-50.0, 0.0, 50.0]])],
         lambda a: torch.softmax(a, -1), note="requires the max-shifted form")


def main():
    build()
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    doc = {
        "_about": {
            "torch_version": torch.__version__,
            "precision": "float64",
            "grads": "d(sum(output * weight))/d(input) for each float input; null for integer/bool "
                     "inputs and for forward-only cases (weight null too)",
            "layout": "data flat row-major; rank-0 tensors have shape [] and one datum; bool/int "
                      "data written as integers",
        },
        "cases": CASES,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {len(CASES)} cases to {OUT}")


if __name__ == "__main__":
    main()
