package dev.airfoil.tensor;

/** Package-private: NumPy-style text for tensors, truncated with {@code ...} past 1000 elements. */
final class Printer {
    private static final int THRESHOLD = 1000;
    private static final int EDGE = 3;

    private Printer() {
    }

    static String format(Tensor t) {
        boolean summarise = t.size() > THRESHOLD;
        StringBuilder sb = new StringBuilder("tensor(");
        int indent = sb.length();
        if (t.rank() == 0) {
            sb.append(element(t, 0));
        } else {
            append(sb, t, 0, 0, indent, summarise);
        }
        if (t.dtype != DType.FLOAT32) {
            sb.append(", dtype=").append(t.dtype);
        }
        if (t.size() == 0 || summarise) {
            sb.append(", shape=").append(Shape.str(t.shape));
        }
        if (t.gradFn() != null) {
            sb.append(", grad_fn=").append(t.gradFn());
        } else if (t.requiresGrad()) {
            sb.append(", requires_grad=True");
        }
        return sb.append(')').toString();
    }

    private static void append(StringBuilder sb, Tensor t, int axis, int offset, int indent, boolean summarise) {
        int len = t.shape[axis];
        int stride = 1;
        for (int i = axis + 1; i < t.rank(); i++) {
            stride *= t.shape[i];
        }
        sb.append('[');
        for (int i = 0; i < len; i++) {
            if (summarise && len > 2 * EDGE && i == EDGE) {
                sb.append("...");
                i = len - EDGE - 1;
                separator(sb, t, axis, indent);
                continue;
            }
            if (axis == t.rank() - 1) {
                sb.append(element(t, offset + i));
            } else {
                append(sb, t, axis + 1, offset + i * stride, indent, summarise);
            }
            if (i < len - 1) {
                separator(sb, t, axis, indent);
            }
        }
        sb.append(']');
    }

    private static void separator(StringBuilder sb, Tensor t, int axis, int indent) {
        if (axis == t.rank() - 1) {
            sb.append(", ");
        } else {
            sb.append(',');
            sb.append("\n".repeat(t.rank() - 1 - axis));
            sb.append(" ".repeat(indent + axis + 1));
        }
    }

    private static String element(Tensor t, int i) {
        switch (t.dtype) {
            case BOOL: return ((boolean[]) t.data())[i] ? "True" : "False";
            case INT32:
            case INT64: return Long.toString(Buffers.getLong(t.data(), t.dtype, i));
            default: {
                double v = Buffers.get(t.data(), t.dtype, i);
                if (Double.isNaN(v)) {
                    return "nan";
                }
                if (Double.isInfinite(v)) {
                    return v > 0 ? "inf" : "-inf";
                }
                if (v == Math.rint(v) && Math.abs(v) < 1e16) {
                    return (long) v + ".";
                }
                double av = Math.abs(v);
                if (av >= 1e-4 && av < 1e8) {
                    String s = String.format(java.util.Locale.ROOT, "%.4f", v);
                    s = s.replaceAll("0+$", "");
                    return s.endsWith(".") ? s + "0" : s;
                }
                return String.format(java.util.Locale.ROOT, "%.4e", v);
            }
        }
    }
}
