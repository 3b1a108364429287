package dev.airfoil.callbacks;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number formatting with Python's rules, so that logs and the progress bar print the same text as
 * Keras: {@code f"{x:.4f}"}, {@code f"{x:.4e}"} and {@code repr(x)} (rounding the exact binary
 * value half-to-even, {@code nan}/{@code inf}, the sign of negative zero kept).
 */
final class PyFormat {
    private PyFormat() {
    }

    private static boolean negative(double x) {
        return Double.doubleToRawLongBits(x) < 0;
    }

    private static String special(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        return null;
    }

    /** Python's {@code format(x, "." + digits + "f")}. */
    static String fixed(double x, int digits) {
        String s = special(x);
        if (s != null) {
            return s;
        }
        String body = new BigDecimal(Math.abs(x)).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        return negative(x) ? "-" + body : body;
    }

    /** Python's {@code format(x, "." + digits + "e")}. */
    static String sci(double x, int digits) {
        String s = special(x);
        if (s != null) {
            return s;
        }
        String sign = negative(x) ? "-" : "";
        if (x == 0) {
            return sign + (digits > 0 ? "0." + "0".repeat(digits) : "0") + "e+00";
        }
        BigDecimal r = new BigDecimal(Math.abs(x)).round(new MathContext(digits + 1, RoundingMode.HALF_EVEN));
        int exp = r.precision() - r.scale() - 1;
        StringBuilder d = new StringBuilder(r.unscaledValue().toString());
        while (d.length() < digits + 1) {
            d.append('0');
        }
        String mantissa = digits > 0 ? d.charAt(0) + "." + d.substring(1, digits + 1) : d.substring(0, 1);
        return sign + mantissa + exponent(exp);
    }

    private static String exponent(int exp) {
        String e = Integer.toString(Math.abs(exp));
        return "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }

    /** Python's {@code repr(x)} for a float: the shortest text that reads back as the same double. */
    static String repr(double x) {
        String s = special(x);
        if (s != null) {
            return s;
        }
        String sign = negative(x) ? "-" : "";
        if (x == 0) {
            return sign + "0.0";
        }
        BigDecimal exact = new BigDecimal(Math.abs(x));
        BigDecimal r = exact;
        for (int p = 1; p <= 17; p++) {
            r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(r.toString()) == Math.abs(x)) {
                break;
            }
        }
        r = r.stripTrailingZeros();
        String digits = r.unscaledValue().toString();
        int exp = r.precision() - r.scale() - 1;
        String body;
        if (exp >= -4 && exp < 16) {
            if (exp >= 0) {
                StringBuilder d = new StringBuilder(digits);
                while (d.length() < exp + 1) {
                    d.append('0');
                }
                String intPart = d.substring(0, exp + 1);
                String frac = d.substring(exp + 1);
                body = intPart + "." + (frac.isEmpty() ? "0" : frac);
            } else {
                body = "0." + "0".repeat(-exp - 1) + digits;
            }
        } else {
            body = digits.charAt(0) + (digits.length() > 1 ? "." + digits.substring(1) : "") + exponent(exp);
        }
        return sign + body;
    }
}
