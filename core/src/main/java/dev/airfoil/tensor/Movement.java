package dev.airfoil.tensor;

import dev.airfoil.autodiff.Autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Package-private: reshaping, permuting, slicing, joining and gathering, with backward rules. */
final class Movement {
    private Movement() {
    }

    static int[] inferShape(int[] shape, int size, String op) {
        int[] s = shape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException(op + ": only one dimension can be -1, got " + Shape.str(shape));
                }
                infer = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException(op + ": invalid dimension " + s[i] + " in " + Shape.str(shape));
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException(op + ": cannot reshape " + size + " elements into "
                        + Shape.str(shape).replace("-1", "?") + "; the known dimensions must divide " + size);
            }
            s[infer] = (int) (size / known);
        } else if (known != size) {
            throw new IllegalArgumentException(op + ": cannot reshape a tensor of " + size + " elements into shape "
                    + Shape.str(shape) + " (" + known + " elements); the total number of elements must stay the same");
        }
        return s;
    }

    static Tensor reshape(Tensor x, int[] newShape) {
        int[] s = inferShape(newShape, x.size(), "reshape");
        Tensor out = x.sharing(s);
        if (!Autograd.needsGrad(x)) {
            return out;
        }
        int[] orig = x.shape;
        return Autograd.record(out, "reshape", new Tensor[] {x}, g -> new Tensor[] {g.reshape(orig)});
    }

    static Tensor permute(Tensor x, int[] perm) {
        int rank = x.rank();
        if (perm.length != rank) {
            throw new IllegalArgumentException("permute: " + perm.length + " axes given for a tensor of rank " + rank
                    + " (shape " + Shape.str(x.shape) + "); give a permutation of all axes");
        }
        int[] p = new int[rank];
        boolean[] seen = new boolean[rank];
        boolean identity = true;
        for (int i = 0; i < rank; i++) {
            p[i] = Shape.axis(perm[i], rank, "permute");
            if (seen[p[i]]) {
                throw new IllegalArgumentException("permute: " + Arrays.toString(perm) + " is not a permutation");
            }
            seen[p[i]] = true;
            identity &= p[i] == i;
        }
        Tensor out;
        if (identity) {
            out = x.sharing(x.shape.clone());
        } else {
            int[] outShape = new int[rank];
            int[] inStrides = Shape.strides(x.shape);
            int[] srcStride = new int[rank];
            for (int i = 0; i < rank; i++) {
                outShape[i] = x.shape[p[i]];
                srcStride[i] = inStrides[p[i]];
            }
            out = Tensor.zeros(x.dtype, outShape);
            gather(x.data(), out.data(), outShape, srcStride, 0);
        }
        if (!Autograd.needsGrad(x)) {
            return out;
        }
        int[] inverse = new int[rank];
        for (int i = 0; i < rank; i++) {
            inverse[p[i]] = i;
        }
        return Autograd.record(out, "permute", new Tensor[] {x}, g -> new Tensor[] {permute(g, inverse)});
    }

    /** Copies a strided view (source strides per output axis, base offset) into a contiguous destination. */
    static void gather(Object src, Object dst, int[] outShape, int[] srcStride, int base) {
        int total = Shape.size(outShape);
        if (total == 0) {
            return;
        }
        int rank = outShape.length;
        if (rank == 0) {
            System.arraycopy(src, base, dst, 0, 1);
            return;
        }
        // Merge trailing axes the source stores contiguously (a batch of (28, 28, 1) images sliced on
        // axis 0 is one run, not 784 one-element copies per sample).
        int merged = rank;
        while (merged > 1 && srcStride[merged - 2] == srcStride[merged - 1] * outShape[merged - 1]) {
            merged--;
        }
        if (merged < rank) {
            int[] shape = java.util.Arrays.copyOf(outShape, merged);
            int[] stride = java.util.Arrays.copyOf(srcStride, merged);
            for (int d = merged; d < rank; d++) {
                shape[merged - 1] *= outShape[d];
            }
            stride[merged - 1] = srcStride[rank - 1];
            outShape = shape;
            srcStride = stride;
            rank = merged;
        }
        int n = outShape[rank - 1];
        int step = srcStride[rank - 1];
        int rows = total / n;
        int[] counter = new int[rank - 1];
        int off = base;
        boolean isFloat = src instanceof float[];
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            if (step == 1) {
                System.arraycopy(src, off, dst, o, n);
            } else if (isFloat) {
                float[] s = (float[]) src;
                float[] d = (float[]) dst;
                for (int i = 0; i < n; i++) {
                    d[o + i] = s[off + i * step];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    System.arraycopy(src, off + i * step, dst, o + i, 1);
                }
            }
            for (int d = rank - 2; d >= 0; d--) {
                counter[d]++;
                off += srcStride[d];
                if (counter[d] < outShape[d]) {
                    break;
                }
                off -= srcStride[d] * outShape[d];
                counter[d] = 0;
            }
        }
    }

    static Tensor broadcastTo(Tensor x, int[] target) {
        int[] b = Shape.broadcast(x.shape, target, "broadcastTo");
        if (!Arrays.equals(b, target)) {
            throw new IllegalArgumentException("broadcastTo: shape " + Shape.str(x.shape) + " cannot be broadcast to "
                    + Shape.str(target) + "; each dimension must be 1 or equal to the target's");
        }
        if (Arrays.equals(x.shape, target)) {
            return x;
        }
        Tensor out = Tensor.zeros(x.dtype, target);
        gather(x.data(), out.data(), target, Broadcast.stridesFor(x.shape, target), 0);
        if (!Autograd.needsGrad(x)) {
            return out;
        }
        return Autograd.record(out, "broadcast_to", new Tensor[] {x}, g -> new Tensor[] {Elementwise.sumTo(g, x.shape, x.dtype)});
    }

    static Tensor squeeze(Tensor x, Integer axis) {
        List<Integer> dims = new ArrayList<>();
        if (axis == null) {
            for (int d : x.shape) {
                if (d != 1) {
                    dims.add(d);
                }
            }
        } else {
            int a = Shape.axis(axis, x.rank(), "squeeze");
            if (x.shape[a] != 1) {
                throw new IllegalArgumentException("squeeze: axis " + axis + " has size " + x.shape[a]
                        + " in shape " + Shape.str(x.shape) + "; only axes of size 1 can be removed");
            }
            for (int i = 0; i < x.rank(); i++) {
                if (i != a) {
                    dims.add(x.shape[i]);
                }
            }
        }
        return reshape(x, dims.stream().mapToInt(Integer::intValue).toArray());
    }

    static Tensor unsqueeze(Tensor x, int axis) {
        int a = Shape.axis(axis, x.rank() + 1, "unsqueeze");
        int[] s = new int[x.rank() + 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            s[i] = i == a ? 1 : x.shape[j++];
        }
        return reshape(x, s);
    }

    static Tensor slice(Tensor x, int axis, int start, int stop, int step) {
        int a = Shape.axis(axis, x.rank(), "slice");
        int len = x.shape[a];
        if (step <= 0) {
            throw new IllegalArgumentException("slice: step must be positive, got " + step);
        }
        int s0 = clampIndex(start, len);
        int s1 = clampIndex(stop, len);
        int count = s1 <= s0 ? 0 : (s1 - s0 + step - 1) / step;
        int[] outShape = x.shape.clone();
        outShape[a] = count;
        int[] strides = Shape.strides(x.shape);
        int[] src = strides.clone();
        src[a] = strides[a] * step;
        Tensor out = Tensor.zeros(x.dtype, outShape);
        gather(x.data(), out.data(), outShape, src, s0 * strides[a]);
        if (!Autograd.needsGrad(x)) {
            return out;
        }
        return Autograd.record(out, "slice", new Tensor[] {x}, g -> {
            Tensor r = Tensor.zeros(g.dtype, x.shape);
            scatter(g, r, outShape, src, s0 * strides[a]);
            return new Tensor[] {r};
        });
    }

    private static int clampIndex(int i, int len) {
        int v = i < 0 ? i + len : i;
        return Math.max(0, Math.min(len, v));
    }

    /** Adds the contiguous {@code g} into the strided view of {@code dst} (the inverse of gather). */
    private static void scatter(Tensor g, Tensor dst, int[] shape, int[] dstStride, int base) {
        int total = Shape.size(shape);
        int rank = shape.length;
        if (total == 0) {
            return;
        }
        if (rank == 0) {
            Buffers.set(dst.data(), dst.dtype, base, Buffers.get(dst.data(), dst.dtype, base) + Buffers.get(g.data(), g.dtype, 0));
            return;
        }
        int[] counter = new int[rank];
        int off = base;
        Object dd = dst.data();
        Object gd = g.data();
        for (int i = 0; i < total; i++) {
            Buffers.set(dd, dst.dtype, off, Buffers.get(dd, dst.dtype, off) + Buffers.get(gd, g.dtype, i));
            for (int d = rank - 1; d >= 0; d--) {
                counter[d]++;
                off += dstStride[d];
                if (counter[d] < shape[d]) {
                    break;
                }
                off -= dstStride[d] * shape[d];
                counter[d] = 0;
            }
        }
    }

    static Tensor select(Tensor x, int axis, int index) {
        int a = Shape.axis(axis, x.rank(), "select");
        int len = x.shape[a];
        int i = index < 0 ? index + len : index;
        if (i < 0 || i >= len) {
            throw new IndexOutOfBoundsException("select: index " + index + " is out of bounds for axis " + axis
                    + " with size " + len);
        }
        return squeeze(slice(x, a, i, i + 1, 1), a);
    }

    static List<Tensor> split(Tensor x, int sections, int axis) {
        int a = Shape.axis(axis, x.rank(), "split");
        if (sections <= 0 || x.shape[a] % sections != 0) {
            throw new IllegalArgumentException("split: axis " + axis + " of size " + x.shape[a]
                    + " cannot be divided into " + sections + " equal sections; pass explicit sizes instead");
        }
        int[] sizes = new int[sections];
        Arrays.fill(sizes, x.shape[a] / sections);
        return split(x, sizes, a);
    }

    static List<Tensor> split(Tensor x, int[] sizes, int axis) {
        int a = Shape.axis(axis, x.rank(), "split");
        int total = 0;
        for (int s : sizes) {
            if (s < 0) {
                throw new IllegalArgumentException("split: negative section size " + s);
            }
            total += s;
        }
        if (total != x.shape[a]) {
            throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " add up to " + total
                    + " but axis " + axis + " has size " + x.shape[a]);
        }
        List<Tensor> parts = new ArrayList<>();
        int start = 0;
        for (int s : sizes) {
            parts.add(slice(x, a, start, start + s, 1));
            start += s;
        }
        return parts;
    }

    static Tensor concatenate(List<Tensor> tensors, int axis) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("concatenate: needs at least one tensor");
        }
        Tensor first = tensors.get(0);
        int rank = first.rank();
        if (rank == 0) {
            throw new IllegalArgumentException("concatenate: scalars cannot be concatenated; stack them instead");
        }
        int a = Shape.axis(axis, rank, "concatenate");
        DType dt = first.dtype;
        int total = 0;
        for (Tensor t : tensors) {
            if (t.rank() != rank) {
                throw new IllegalArgumentException("concatenate: all inputs need the same rank; got shapes "
                        + shapes(tensors));
            }
            for (int i = 0; i < rank; i++) {
                if (i != a && t.shape[i] != first.shape[i]) {
                    throw new IllegalArgumentException("concatenate: shapes " + shapes(tensors)
                            + " differ on axis " + i + "; all axes except the concatenation axis " + a + " must match");
                }
            }
            dt = DType.promote(dt, t.dtype);
            total += t.shape[a];
        }
        int[] outShape = first.shape.clone();
        outShape[a] = total;
        Tensor out = Tensor.zeros(dt, outShape);
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= outShape[i];
        }
        int inner = 1;
        for (int i = a + 1; i < rank; i++) {
            inner *= outShape[i];
        }
        int offset = 0;
        int[] sizes = new int[tensors.size()];
        for (int k = 0; k < tensors.size(); k++) {
            Tensor t = tensors.get(k);
            Object src = t.dtype == dt ? t.data() : Buffers.convert(t.data(), t.dtype, dt, t.size());
            int chunk = t.shape[a] * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(src, o * chunk, out.data(), o * total * inner + offset, chunk);
            }
            offset += chunk;
            sizes[k] = t.shape[a];
        }
        Tensor[] inputs = tensors.toArray(new Tensor[0]);
        if (!Autograd.needsGrad(inputs)) {
            return out;
        }
        return Autograd.record(out, "concatenate", inputs, g -> {
            List<Tensor> parts = split(g, sizes, a);
            Tensor[] r = new Tensor[inputs.length];
            for (int k = 0; k < r.length; k++) {
                r[k] = inputs[k].dtype.isFloating() ? parts.get(k).cast(inputs[k].dtype) : null;
            }
            return r;
        });
    }

    private static String shapes(List<Tensor> ts) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ts.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(Shape.str(ts.get(i).shape));
        }
        return sb.append(']').toString();
    }

    static Tensor stack(List<Tensor> tensors, int axis) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("stack: needs at least one tensor");
        }
        int rank = tensors.get(0).rank();
        int a = Shape.axis(axis, rank + 1, "stack");
        List<Tensor> expanded = new ArrayList<>();
        for (Tensor t : tensors) {
            if (!Arrays.equals(t.shape, tensors.get(0).shape)) {
                throw new IllegalArgumentException("stack: all inputs need the same shape; got " + shapes(tensors));
            }
            expanded.add(unsqueeze(t, a));
        }
        return concatenate(expanded, a);
    }

    static Tensor pad(Tensor x, int[][] padding, double value) {
        if (padding.length != x.rank()) {
            throw new IllegalArgumentException("pad: " + padding.length + " (before, after) pairs for a tensor of rank "
                    + x.rank() + "; give one pair per axis");
        }
        int[] outShape = new int[x.rank()];
        int base = 0;
        int[] outStrides;
        for (int i = 0; i < x.rank(); i++) {
            if (padding[i].length != 2 || padding[i][0] < 0 || padding[i][1] < 0) {
                throw new IllegalArgumentException("pad: axis " + i + " needs a pair of non-negative widths, got "
                        + Arrays.toString(padding[i]));
            }
            outShape[i] = x.shape[i] + padding[i][0] + padding[i][1];
        }
        Tensor out = Tensor.full(x.dtype, value, outShape);
        outStrides = Shape.strides(outShape);
        for (int i = 0; i < x.rank(); i++) {
            base += padding[i][0] * outStrides[i];
        }
        // copy x into the interior, row by row
        int rank = x.rank();
        int total = x.size();
        if (total > 0) {
            if (rank == 0) {
                System.arraycopy(x.data(), 0, out.data(), 0, 1);
            } else {
                int n = x.shape[rank - 1];
                int rows = total / n;
                int[] counter = new int[rank - 1];
                int off = base;
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(x.data(), r * n, out.data(), off, n);
                    for (int d = rank - 2; d >= 0; d--) {
                        counter[d]++;
                        off += outStrides[d];
                        if (counter[d] < x.shape[d]) {
                            break;
                        }
                        off -= outStrides[d] * x.shape[d];
                        counter[d] = 0;
                    }
                }
            }
        }
        if (!Autograd.needsGrad(x)) {
            return out;
        }
        int b = base;
        return Autograd.record(out, "pad", new Tensor[] {x}, g -> {
            Tensor r = Tensor.zeros(g.dtype, x.shape);
            gather(g.data(), r.data(), x.shape, outStrides, b);
            return new Tensor[] {r};
        });
    }

    static Tensor take(Tensor x, Tensor indices, int axis) {
        if (indices.dtype.isFloating()) {
            throw new IllegalArgumentException("take: indices must be an integer tensor, got " + indices.dtype);
        }
        int a = Shape.axis(axis, x.rank(), "take");
        int len = x.shape[a];
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= x.shape[i];
        }
        int inner = 1;
        for (int i = a + 1; i < x.rank(); i++) {
            inner *= x.shape[i];
        }
        int m = indices.size();
        int[] idx = new int[m];
        Object id = indices.data();
        for (int i = 0; i < m; i++) {
            long v = Buffers.getLong(id, indices.dtype, i);
            long w = v < 0 ? v + len : v;
            if (w < 0 || w >= len) {
                throw new IndexOutOfBoundsException("take: index " + v + " is out of bounds for axis " + axis
                        + " with size " + len);
            }
            idx[i] = (int) w;
        }
        int[] outShape = new int[x.rank() - 1 + indices.rank()];
        int j = 0;
        for (int i = 0; i < a; i++) {
            outShape[j++] = x.shape[i];
        }
        for (int d : indices.shape) {
            outShape[j++] = d;
        }
        for (int i = a + 1; i < x.rank(); i++) {
            outShape[j++] = x.shape[i];
        }
        Tensor out = Tensor.zeros(x.dtype, outShape);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < m; i++) {
                System.arraycopy(x.data(), (o * len + idx[i]) * inner, out.data(), (o * m + i) * inner, inner);
            }
        }
        if (!Autograd.needsGrad(x)) {
            return out;
        }
        int innerF = inner;
        int outerF = outer;
        return Autograd.record(out, "take", new Tensor[] {x, indices}, g -> {
            Tensor r = Tensor.zeros(g.dtype, x.shape);
            Object rd = r.data();
            Object gd = g.data();
            for (int o = 0; o < outerF; o++) {
                for (int i = 0; i < m; i++) {
                    int dst = (o * len + idx[i]) * innerF;
                    int src = (o * m + i) * innerF;
                    for (int k = 0; k < innerF; k++) {
                        Buffers.set(rd, r.dtype, dst + k, Buffers.get(rd, r.dtype, dst + k) + Buffers.get(gd, g.dtype, src + k));
                    }
                }
            }
            return new Tensor[] {r, null};
        });
    }

    /**
     * {@code out[..., j, ...] = x[..., indices[..., j, ...], ...]} along one axis, with {@code indices}
     * of x's rank (NumPy {@code take_along_axis}, PyTorch {@code gather}); the gradient scatters back.
     */
    static Tensor takeAlongAxis(Tensor x, Tensor indices, int axis) {
        if (indices.dtype.isFloating()) {
            throw new IllegalArgumentException("takeAlongAxis: indices must be an integer tensor, got " + indices.dtype);
        }
        if (indices.rank() != x.rank()) {
            throw new IllegalArgumentException("takeAlongAxis: indices of shape " + Shape.str(indices.shape)
                    + " must have the rank of the input " + Shape.str(x.shape));
        }
        int a = Shape.axis(axis, x.rank(), "takeAlongAxis");
        for (int i = 0; i < x.rank(); i++) {
            if (i != a && indices.shape[i] != x.shape[i]) {
                throw new IllegalArgumentException("takeAlongAxis: indices " + Shape.str(indices.shape) + " and input "
                        + Shape.str(x.shape) + " must agree on every axis but " + axis);
            }
        }
        int len = x.shape[a];
        int m = indices.shape[a];
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= x.shape[i];
        }
        int inner = 1;
        for (int i = a + 1; i < x.rank(); i++) {
            inner *= x.shape[i];
        }
        int[] src = new int[indices.size()];
        Object id = indices.data();
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < inner; k++) {
                    int pos = (o * m + j) * inner + k;
                    long v = Buffers.getLong(id, indices.dtype, pos);
                    long w = v < 0 ? v + len : v;
                    if (w < 0 || w >= len) {
                        throw new IndexOutOfBoundsException("takeAlongAxis: index " + v + " is out of bounds for axis "
                                + axis + " with size " + len);
                    }
                    src[pos] = (int) ((o * len + w) * inner + k);
                }
            }
        }
        Tensor out = Tensor.zeros(x.dtype, indices.shape);
        Object xd = x.data();
        Object od = out.data();
        for (int i = 0; i < src.length; i++) {
            System.arraycopy(xd, src[i], od, i, 1);
        }
        if (!Autograd.needsGrad(x)) {
            return out;
        }
        return Autograd.record(out, "take_along_axis", new Tensor[] {x, indices}, g -> {
            Tensor r = Tensor.zeros(g.dtype, x.shape);
            Object rd = r.data();
            Object gd = g.data();
            for (int i = 0; i < src.length; i++) {
                Buffers.set(rd, r.dtype, src[i], Buffers.get(rd, r.dtype, src[i]) + Buffers.get(gd, g.dtype, i));
            }
            return new Tensor[] {r, null};
        });
    }
}
