package dev.airfoil.tensor;

import dev.airfoil.autodiff.Autograd;
import dev.airfoil.tensor.kernels.Kernels;
import dev.airfoil.tensor.kernels.Parallel;

/** Package-private: element-wise operations with NumPy broadcasting and their backward rules. */
final class Elementwise {
    private Elementwise() {
    }

    /** Binary element-wise operations. */
    enum Op {
        ADD, SUB, MUL, DIV, POW, MIN, MAX, EQ, NE, LT, LE, GT, GE, AND, OR;

        double apply(double a, double b) {
            switch (this) {
                case ADD: return a + b;
                case SUB: return a - b;
                case MUL: return a * b;
                case DIV: return a / b;
                case POW: return Math.pow(a, b);
                case MIN: return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b);
                case MAX: return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
                case EQ: return a == b ? 1 : 0;
                case NE: return a != b ? 1 : 0;
                case LT: return a < b ? 1 : 0;
                case LE: return a <= b ? 1 : 0;
                case GT: return a > b ? 1 : 0;
                case GE: return a >= b ? 1 : 0;
                case AND: return a != 0 && b != 0 ? 1 : 0;
                case OR: return a != 0 || b != 0 ? 1 : 0;
                default: throw new AssertionError();
            }
        }

        long applyLong(long a, long b) {
            switch (this) {
                case ADD: return a + b;
                case SUB: return a - b;
                case MUL: return a * b;
                case MIN: return Math.min(a, b);
                case MAX: return Math.max(a, b);
                case POW: {
                    if (b < 0) {
                        throw new ArithmeticException("pow: integers cannot be raised to negative integer powers; cast to float first");
                    }
                    long r = 1;
                    for (long i = 0; i < b; i++) {
                        r *= a;
                    }
                    return r;
                }
                default: return (long) apply(a, b);
            }
        }

        String opName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Unary element-wise operations, each with its derivative in terms of input x and output y. */
    enum Unary {
        NEG { double f(double x) { return -x; } double d(double x, double y) { return -1; } },
        ABS { double f(double x) { return Math.abs(x); } double d(double x, double y) { return Math.signum(x); } },
        SIGN { double f(double x) { return Math.signum(x); } double d(double x, double y) { return 0; } },
        SQRT { double f(double x) { return Math.sqrt(x); } double d(double x, double y) { return 0.5 / y; } },
        SQUARE { double f(double x) { return x * x; } double d(double x, double y) { return 2 * x; } },
        RECIPROCAL { double f(double x) { return 1 / x; } double d(double x, double y) { return -y * y; } },
        EXP { double f(double x) { return Math.exp(x); } double d(double x, double y) { return y; } },
        EXPM1 { double f(double x) { return Math.expm1(x); } double d(double x, double y) { return y + 1; } },
        LOG { double f(double x) { return Math.log(x); } double d(double x, double y) { return 1 / x; } },
        LOG1P { double f(double x) { return Math.log1p(x); } double d(double x, double y) { return 1 / (1 + x); } },
        TANH { double f(double x) { return Math.tanh(x); } double d(double x, double y) { return 1 - y * y; } },
        SIGMOID {
            double f(double x) {
                return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
            }
            double d(double x, double y) { return y * (1 - y); }
        },
        ERF { double f(double x) { return SpecialFunctions.erf(x); } double d(double x, double y) { return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x); } },
        SIN { double f(double x) { return Math.sin(x); } double d(double x, double y) { return Math.cos(x); } },
        COS { double f(double x) { return Math.cos(x); } double d(double x, double y) { return -Math.sin(x); } },
        RELU { double f(double x) { return x > 0 ? x : (Double.isNaN(x) ? x : 0); } double d(double x, double y) { return x > 0 ? 1 : 0; } },
        SOFTPLUS {
            double f(double x) { return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))); }
            double d(double x, double y) { return SIGMOID.f(x); }
        };

        abstract double f(double x);

        abstract double d(double x, double y);
    }

    // ---------------------------------------------------------------- binary

    static Tensor binary(Tensor a, Tensor b, Op op) {
        int[] outShape = Shape.broadcast(a.shape, b.shape, op.opName());
        DType dt = DType.promote(a.dtype, b.dtype);
        if (op == Op.DIV || (op == Op.POW && dt.isInteger() && hasNegative(b))) {
            dt = dt.toFloating();
        }
        if (dt == DType.BOOL) {
            dt = DType.INT32;
        }
        Tensor out = compute(a, b, op, outShape, dt);
        if (!Autograd.needsGrad(a, b)) {
            return out;
        }
        return Autograd.record(out, op.opName(), new Tensor[] {a, b}, g -> binaryBackward(a, b, out, g, op));
    }

    private static boolean hasNegative(Tensor t) {
        Object d = t.data();
        for (int i = 0; i < t.size(); i++) {
            if (Buffers.get(d, t.dtype, i) < 0) {
                return true;
            }
        }
        return false;
    }

    private static Tensor[] binaryBackward(Tensor a, Tensor b, Tensor out, Tensor g, Op op) {
        Tensor ga;
        Tensor gb;
        switch (op) {
            case ADD: ga = g; gb = g; break;
            case SUB: ga = g; gb = g.neg(); break;
            case MUL: ga = g.mul(b); gb = g.mul(a); break;
            case DIV: ga = g.div(b); gb = g.mul(a).div(b.square()).neg(); break;
            case POW:
                ga = g.mul(b).mul(a.pow(b.sub(1)));
                gb = b.requiresGrad() ? g.mul(out).mul(Tensor.where(a.gt(0), a, Tensor.onesLike(a)).log().mul(a.gt(0).cast(a.dtype))) : null;
                break;
            case MIN:
            case MAX: {
                Tensor aWins = op == Op.MAX ? a.gt(b) : a.lt(b);
                Tensor tie = a.eq(b);
                Tensor wa = aWins.cast(g.dtype).add(tie.cast(g.dtype).mul(0.5));
                ga = g.mul(wa);
                gb = g.mul(Tensor.onesLike(wa).sub(wa));
                break;
            }
            default: throw new AssertionError(op);
        }
        return new Tensor[] {
            ga == null ? null : sumTo(ga, a.shape, a.dtype),
            gb == null ? null : sumTo(gb, b.shape, b.dtype)};
    }

    /** Sums a broadcast gradient back to {@code shape} (undoing broadcasting) and casts to {@code dtype}. */
    static Tensor sumTo(Tensor g, int[] shape, DType dtype) {
        Tensor r = g;
        if (!java.util.Arrays.equals(g.shape, shape)) {
            int lead = g.shape.length - shape.length;
            java.util.List<Integer> axes = new java.util.ArrayList<>();
            for (int i = 0; i < g.shape.length; i++) {
                if (i < lead || (shape[i - lead] == 1 && g.shape[i] != 1)) {
                    axes.add(i);
                }
            }
            r = Reductions.sum(g, axes.stream().mapToInt(Integer::intValue).toArray(), true);
            r = r.reshape(shape);
        }
        if (r.dtype != dtype && dtype.isFloating()) {
            r = r.cast(dtype);
        }
        return r;
    }

    private static Tensor compute(Tensor a, Tensor b, Op op, int[] outShape, DType dt) {
        Tensor out = Tensor.zeros(dt, outShape);
        if (dt == DType.FLOAT32 && a.dtype == DType.FLOAT32 && b.dtype == DType.FLOAT32) {
            float[] x = (float[]) a.data();
            float[] y = (float[]) b.data();
            float[] o = (float[]) out.data();
            Broadcast.rows(a.shape, b.shape, outShape, (ao, as, bo, bs, oo, n) -> rowFloat(op, x, ao, as, y, bo, bs, o, oo, n));
        } else if (dt == DType.FLOAT64 && a.dtype == DType.FLOAT64 && b.dtype == DType.FLOAT64) {
            double[] x = (double[]) a.data();
            double[] y = (double[]) b.data();
            double[] o = (double[]) out.data();
            Broadcast.rows(a.shape, b.shape, outShape, (ao, as, bo, bs, oo, n) -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = op.apply(x[ao + i * as], y[bo + i * bs]);
                }
            });
        } else if (dt.isInteger()) {
            Object ad = a.data();
            Object bd = b.data();
            Object od = out.data();
            Broadcast.rows(a.shape, b.shape, outShape, (ao, as, bo, bs, oo, n) -> {
                for (int i = 0; i < n; i++) {
                    Buffers.setLong(od, dt, oo + i, op.applyLong(
                            Buffers.getLong(ad, a.dtype, ao + i * as), Buffers.getLong(bd, b.dtype, bo + i * bs)));
                }
            });
        } else {
            Object ad = a.data();
            Object bd = b.data();
            Object od = out.data();
            Broadcast.rows(a.shape, b.shape, outShape, (ao, as, bo, bs, oo, n) -> {
                for (int i = 0; i < n; i++) {
                    Buffers.set(od, dt, oo + i, op.apply(
                            Buffers.get(ad, a.dtype, ao + i * as), Buffers.get(bd, b.dtype, bo + i * bs)));
                }
            });
        }
        return out;
    }

    private static void rowFloat(Op op, float[] x, int ao, int as, float[] y, int bo, int bs, float[] o, int oo, int n) {
        if (as == 1 && bs == 1) {
            switch (op) {
                case ADD: for (int i = 0; i < n; i++) { o[oo + i] = x[ao + i] + y[bo + i]; } return;
                case SUB: for (int i = 0; i < n; i++) { o[oo + i] = x[ao + i] - y[bo + i]; } return;
                case MUL: for (int i = 0; i < n; i++) { o[oo + i] = x[ao + i] * y[bo + i]; } return;
                case DIV: for (int i = 0; i < n; i++) { o[oo + i] = x[ao + i] / y[bo + i]; } return;
                default: break;
            }
        } else if (as == 1 && bs == 0) {
            float c = y[bo];
            switch (op) {
                case ADD: for (int i = 0; i < n; i++) { o[oo + i] = x[ao + i] + c; } return;
                case SUB: for (int i = 0; i < n; i++) { o[oo + i] = x[ao + i] - c; } return;
                case MUL: for (int i = 0; i < n; i++) { o[oo + i] = x[ao + i] * c; } return;
                case DIV: for (int i = 0; i < n; i++) { o[oo + i] = x[ao + i] / c; } return;
                default: break;
            }
        }
        for (int i = 0; i < n; i++) {
            o[oo + i] = (float) op.apply(x[ao + i * as], y[bo + i * bs]);
        }
    }

    static Tensor compare(Tensor a, Tensor b, Op op) {
        int[] outShape = Shape.broadcast(a.shape, b.shape, op.opName());
        Tensor out = Tensor.zeros(DType.BOOL, outShape);
        boolean[] o = (boolean[]) out.data();
        Object ad = a.data();
        Object bd = b.data();
        Broadcast.rows(a.shape, b.shape, outShape, (ao, as, bo, bs, oo, n) -> {
            for (int i = 0; i < n; i++) {
                o[oo + i] = op.apply(Buffers.get(ad, a.dtype, ao + i * as), Buffers.get(bd, b.dtype, bo + i * bs)) != 0;
            }
        });
        return out;
    }

    static Tensor powScalar(Tensor a, double exponent) {
        if (exponent == 2) {
            return unary(a, Unary.SQUARE);
        }
        if (exponent == 0.5) {
            return unary(a, Unary.SQRT);
        }
        DType dt = a.dtype.isFloating() ? a.dtype : (exponent == Math.rint(exponent) && exponent >= 0 ? a.dtype : DType.FLOAT32);
        return binary(a, Tensor.scalar(dt.isFloating() ? dt : DType.INT64, exponent), Op.POW);
    }

    static Tensor clip(Tensor a, double min, double max) {
        if (min > max) {
            throw new IllegalArgumentException("clip: min " + min + " is greater than max " + max);
        }
        Tensor out = Tensor.zeros(a.dtype == DType.BOOL ? DType.INT32 : a.dtype, a.shape);
        int n = a.size();
        if (a.dtype == DType.FLOAT32) {
            float[] x = (float[]) a.data();
            float[] o = (float[]) out.data();
            float lo = (float) min;
            float hi = (float) max;
            for (int i = 0; i < n; i++) {
                float v = x[i];
                o[i] = v < lo ? lo : (v > hi ? hi : v);
            }
        } else {
            Object ad = a.data();
            Object od = out.data();
            for (int i = 0; i < n; i++) {
                double v = Buffers.get(ad, a.dtype, i);
                Buffers.set(od, out.dtype, i, v < min ? min : (v > max ? max : v));
            }
        }
        return Autograd.record(out, "clip", new Tensor[] {a}, g -> new Tensor[] {
            g.mul(a.ge(Tensor.scalar(a.dtype, min)).and(a.le(Tensor.scalar(a.dtype, max))).cast(g.dtype))});
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        int[] outShape = Shape.broadcast(Shape.broadcast(cond.shape, a.shape, "where"), b.shape, "where");
        DType dt = DType.promote(a.dtype, b.dtype);
        Tensor c = cond.broadcastTo(outShape);
        Tensor ab = a.dtype == dt ? a.detach().broadcastTo(outShape) : a.detach().cast(dt).broadcastTo(outShape);
        Tensor bb = b.dtype == dt ? b.detach().broadcastTo(outShape) : b.detach().cast(dt).broadcastTo(outShape);
        Tensor out = Tensor.zeros(dt, outShape);
        int n = out.size();
        Object cd = c.data();
        Object ad = ab.data();
        Object bd = bb.data();
        Object od = out.data();
        for (int i = 0; i < n; i++) {
            boolean pick = Buffers.get(cd, c.dtype, i) != 0;
            Buffers.copy(pick ? ad : bd, i, od, i, 1);
        }
        return Autograd.record(out, "where", new Tensor[] {a, b}, g -> {
            Tensor zero = Tensor.zerosLike(g);
            return new Tensor[] {
                sumTo(where(c, g, zero), a.shape, a.dtype),
                sumTo(where(c, zero, g), b.shape, b.dtype)};
        });
    }

    // ---------------------------------------------------------------- unary

    static Tensor unary(Tensor a, Unary u) {
        DType dt = a.dtype;
        if (u != Unary.NEG && u != Unary.ABS && u != Unary.SIGN && u != Unary.SQUARE && u != Unary.RELU) {
            dt = dt.toFloating();
        } else if (dt == DType.BOOL) {
            dt = DType.INT32;
        }
        Tensor out = Tensor.zeros(dt, a.shape);
        int n = a.size();
        if (dt == DType.FLOAT32 && a.dtype == DType.FLOAT32) {
            float[] x = (float[]) a.data();
            float[] o = (float[]) out.data();
            switch (u) {
                case RELU: for (int i = 0; i < n; i++) { float v = x[i]; o[i] = v > 0 ? v : (v != v ? v : 0f); } break;
                case NEG: for (int i = 0; i < n; i++) { o[i] = -x[i]; } break;
                case SQUARE: for (int i = 0; i < n; i++) { o[i] = x[i] * x[i]; } break;
                case SQRT: for (int i = 0; i < n; i++) { o[i] = (float) Math.sqrt(x[i]); } break;
                case EXP: for (int i = 0; i < n; i++) { o[i] = (float) Math.exp(x[i]); } break;
                case TANH, SIGMOID: throughKernels(u == Unary.TANH, x, o, n); break;
                default: for (int i = 0; i < n; i++) { o[i] = (float) u.f(x[i]); }
            }
        } else if (dt == DType.FLOAT64 && a.dtype == DType.FLOAT64) {
            double[] x = (double[]) a.data();
            double[] o = (double[]) out.data();
            for (int i = 0; i < n; i++) {
                o[i] = u.f(x[i]);
            }
        } else {
            Object ad = a.data();
            Object od = out.data();
            for (int i = 0; i < n; i++) {
                Buffers.set(od, dt, i, u.f(Buffers.get(ad, a.dtype, i)));
            }
        }
        if (!Autograd.needsGrad(a)) {
            return out;
        }
        return Autograd.record(out, u.name().toLowerCase(java.util.Locale.ROOT), new Tensor[] {a},
                g -> new Tensor[] {unaryGrad(u, a, out, g)});
    }

    /**
     * float32 tanh or sigmoid through the vectorised float64 {@link Kernels#tanh} and {@link Kernels#sigmoid}
     * (within a few float64 ulps of the formulas, so the float32 results are the same but for rare ties),
     * in parallel blocks: {@link Math#tanh} alone costs about 35 ns per value on JDK 17.
     */
    private static void throughKernels(boolean tanh, float[] x, float[] o, int n) {
        Parallel.forRanges(n, 1 << 14, (lo, hi) -> {
            double[] buf = new double[Math.min(1024, hi - lo)];
            Kernels k = Kernels.get();
            for (int b = lo; b < hi; b += buf.length) {
                int len = Math.min(buf.length, hi - b);
                for (int i = 0; i < len; i++) {
                    buf[i] = x[b + i];
                }
                if (tanh) {
                    k.tanh(buf, 0, buf, 0, len);
                } else {
                    k.sigmoid(buf, 0, buf, 0, len);
                }
                for (int i = 0; i < len; i++) {
                    o[b + i] = (float) buf[i];
                }
            }
        });
    }

    /** {@code g * u'(x)} in one pass. */
    private static Tensor unaryGrad(Unary u, Tensor x, Tensor y, Tensor g) {
        Tensor r = Tensor.zeros(x.dtype, x.shape);
        int n = x.size();
        if (x.dtype == DType.FLOAT32 && g.dtype == DType.FLOAT32 && y.dtype == DType.FLOAT32) {
            float[] xs = (float[]) x.data();
            float[] ys = (float[]) y.data();
            float[] gs = (float[]) g.data();
            float[] rs = (float[]) r.data();
            if (u == Unary.RELU) {
                for (int i = 0; i < n; i++) {
                    rs[i] = xs[i] > 0 ? gs[i] : 0f;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    rs[i] = (float) (gs[i] * u.d(xs[i], ys[i]));
                }
            }
        } else {
            Object rd = r.data();
            Object gd = g.data();
            Object xd = x.data();
            Object yd = y.data();
            for (int i = 0; i < n; i++) {
                Buffers.set(rd, r.dtype, i, Buffers.get(gd, g.dtype, i) * u.d(Buffers.get(xd, x.dtype, i), Buffers.get(yd, y.dtype, i)));
            }
        }
        return r;
    }

    static Tensor cast(Tensor a, DType target) {
        Tensor out = new Tensor(target, a.shape.clone(), Buffers.convert(a.data(), a.dtype, target, a.size()));
        if (!target.isFloating() || !a.dtype.isFloating()) {
            return out;
        }
        return Autograd.record(out, "cast", new Tensor[] {a}, g -> new Tensor[] {g.cast(a.dtype)});
    }

    // ---------------------------------------------------------------- in place

    static void assign(Tensor dst, Tensor src) {
        Tensor s = src.shape.length == dst.shape.length && java.util.Arrays.equals(src.shape, dst.shape)
                ? src : Movement.broadcastTo(src.detach(), dst.shape);
        if (s.dtype == dst.dtype) {
            System.arraycopy(s.data(), 0, dst.data(), 0, dst.size());
        } else {
            Object conv = Buffers.convert(s.data(), s.dtype, dst.dtype, dst.size());
            System.arraycopy(conv, 0, dst.data(), 0, dst.size());
        }
    }

    static void inPlace(Tensor dst, Tensor src, Op op) {
        int[] outShape = Shape.broadcast(dst.shape, src.shape, op.opName() + "InPlace");
        if (!java.util.Arrays.equals(outShape, dst.shape)) {
            throw new IllegalArgumentException(op.opName() + "InPlace: shape " + Shape.str(src.shape)
                    + " cannot be broadcast into the destination shape " + Shape.str(dst.shape));
        }
        if (dst.dtype == DType.FLOAT32 && src.dtype == DType.FLOAT32) {
            float[] x = (float[]) dst.data();
            float[] y = (float[]) src.data();
            Broadcast.rows(dst.shape, src.shape, outShape, (ao, as, bo, bs, oo, n) -> rowFloat(op, x, ao, as, y, bo, bs, x, oo, n));
        } else {
            Object dd = dst.data();
            Object sd = src.data();
            Broadcast.rows(dst.shape, src.shape, outShape, (ao, as, bo, bs, oo, n) -> {
                for (int i = 0; i < n; i++) {
                    Buffers.set(dd, dst.dtype, oo + i, op.apply(
                            Buffers.get(dd, dst.dtype, ao + i * as), Buffers.get(sd, src.dtype, bo + i * bs)));
                }
            });
        }
    }
}
