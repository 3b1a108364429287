package dev.airfoil.layers.convolutional;

import dev.airfoil.tensor.Tensor;

import java.util.Locale;

/** Moving the channel axis between Keras's {@code channels_first} and {@code channels_last} layouts. */
public final class DataFormats {
    private DataFormats() {
    }

    /** The normalised data format; throws naming the layer for anything but the two Keras values. */
    public static String check(String format, String owner) {
        String s = format == null ? "channels_last" : format.toLowerCase(Locale.ROOT);
        if (!s.equals("channels_last") && !s.equals("channels_first")) {
            throw new IllegalArgumentException(owner + ": data_format must be 'channels_last' or 'channels_first', got '"
                    + format + "'");
        }
        return s;
    }

    /** {@code (N, C, *spatial)} to {@code (N, *spatial, C)}. */
    public static Tensor toChannelsLast(Tensor x) {
        int r = x.rank();
        int[] perm = new int[r];
        for (int i = 1; i < r - 1; i++) {
            perm[i] = i + 1;
        }
        perm[r - 1] = 1;
        return x.permute(perm);
    }

    /** {@code (N, *spatial, C)} to {@code (N, C, *spatial)}. */
    public static Tensor toChannelsFirst(Tensor x) {
        int r = x.rank();
        int[] perm = new int[r];
        perm[1] = r - 1;
        for (int i = 2; i < r; i++) {
            perm[i] = i - 1;
        }
        return x.permute(perm);
    }

    /** A shape {@code (N, C, *spatial)} as {@code (N, *spatial, C)}. */
    public static int[] shapeToLast(int[] s) {
        int[] r = new int[s.length];
        r[0] = s[0];
        System.arraycopy(s, 2, r, 1, s.length - 2);
        r[s.length - 1] = s[1];
        return r;
    }

    /** A shape {@code (N, *spatial, C)} as {@code (N, C, *spatial)}. */
    public static int[] shapeToFirst(int[] s) {
        int[] r = new int[s.length];
        r[0] = s[0];
        r[1] = s[s.length - 1];
        System.arraycopy(s, 1, r, 2, s.length - 2);
        return r;
    }
}
