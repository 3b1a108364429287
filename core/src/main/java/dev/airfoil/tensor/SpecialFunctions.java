package dev.airfoil.tensor;

/** Special functions missing from {@link Math}, accurate to double precision where it matters for tests. */
public final class SpecialFunctions {
    private SpecialFunctions() {
    }

    /**
     * The error function erf(x): its Maclaurin series for |x| &lt; 0.5 and a continued fraction for
     * erfc elsewhere (accurate to about 1e-15).
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double ax = Math.abs(x);
        if (ax < 0.5) {
            // Taylor series: erf(x) = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1))
            double term = x;
            double sum = x;
            double x2 = x * x;
            for (int n = 1; n < 40; n++) {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            return 2 / Math.sqrt(Math.PI) * sum;
        }
        double r = erfcTail(ax);
        return x > 0 ? 1 - r : r - 1;
    }

    /**
     * The complementary error function {@code 1 - erf(x)}, relatively accurate in its tail (a continued
     * fraction from 0.5 up, where {@code 1 - erf(x)} would cancel).
     */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        return x < 0.5 ? 1 - erf(x) : erfcTail(x);
    }

    /** The complementary error function for x &gt;= 0.5, by a continued fraction (Lentz's method). */
    private static double erfcTail(double x) {
        if (x > 27) {
            return 0;
        }
        // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + 2/(x + ...)))))
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 500; k++) {
            double a = k / 2.0;
            d = x + a * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = x + a / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }
}
