package dev.airfoil.layers.reshaping;


import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Package-private: parsing of Keras's per-axis integer pairs and data formats for the spatial reshaping layers. */
final class SpatialArgs {
    private SpatialArgs() {
    }

    /**
     * Keras's forms of a per-axis (before, after) pair: one integer (symmetric, every axis), a list
     * of {@code rank} integers (symmetric per axis) or, for rank 1, a pair; or a list of pairs.
     */
    static int[][] pairs(Object v, int rank, String what, String owner) {
        int[][] r = new int[rank][2];
        if (v instanceof Number) {
            int x = ((Number) v).intValue();
            for (int[] p : r) {
                p[0] = x;
                p[1] = x;
            }
            return check(r, what, owner);
        }
        if (v instanceof List<?> l) {
            if (rank == 1 && l.size() == 2 && l.get(0) instanceof Number) {
                r[0][0] = ((Number) l.get(0)).intValue();
                r[0][1] = ((Number) l.get(1)).intValue();
                return check(r, what, owner);
            }
            if (l.size() == rank) {
                for (int i = 0; i < rank; i++) {
                    Object e = l.get(i);
                    if (e instanceof Number) {
                        r[i][0] = ((Number) e).intValue();
                        r[i][1] = r[i][0];
                    } else if (e instanceof List<?> p && p.size() == 2) {
                        r[i][0] = ((Number) p.get(0)).intValue();
                        r[i][1] = ((Number) p.get(1)).intValue();
                    } else {
                        throw bad(v, rank, what, owner);
                    }
                }
                return check(r, what, owner);
            }
        }
        throw bad(v, rank, what, owner);
    }

    private static int[][] check(int[][] r, String what, String owner) {
        for (int[] p : r) {
            if (p[0] < 0 || p[1] < 0) {
                throw new IllegalArgumentException(owner + ": " + what + " must be non-negative");
            }
        }
        return r;
    }

    private static IllegalArgumentException bad(Object v, int rank, String what, String owner) {
        return new IllegalArgumentException(owner + ": " + what + " must be an integer, a list of " + rank
                + " integers or a list of " + rank + " (before, after) pairs, got " + v);
    }

    /** The pairs as Keras writes them: a pair for rank 1, a list of pairs otherwise. */
    static Object toConfig(int[][] r) {
        if (r.length == 1) {
            return List.of(r[0][0], r[0][1]);
        }
        List<Object> l = new ArrayList<>();
        for (int[] p : r) {
            l.add(List.of(p[0], p[1]));
        }
        return l;
    }

    static String format(String f, String owner) {
        String s = f == null ? "channels_last" : f.toLowerCase(Locale.ROOT);
        if (!s.equals("channels_last") && !s.equals("channels_first")) {
            throw new IllegalArgumentException(owner + ": data_format must be 'channels_last' or 'channels_first', got '"
                    + f + "'");
        }
        return s;
    }

    /** The tensor axis of spatial axis {@code i}. */
    static int axis(int i, String format) {
        return format.equals("channels_first") ? i + 2 : i + 1;
    }
}
