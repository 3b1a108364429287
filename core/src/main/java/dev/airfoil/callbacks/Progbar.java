package dev.airfoil.callbacks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A Keras 3 progress bar ({@code keras.utils.Progbar}), printing the same text as Keras.
 *
 * <p>Verbose 1 redraws one line in place ({@code \b...\r}), at most once per {@code interval}
 * seconds, and ends it with a newline when finalized:
 * <pre>
 * 250/250 ━━━━━━━━━━━━━━━━━━━━ 2s 7ms/step - accuracy: 0.9100 - loss: 0.3012
 * </pre>
 * While running, the time shows the ETA; at the end, the seconds elapsed. As in Keras, the done part
 * of the bar is green and the rest white, both drawn with {@code ━} (U+2501), the count and time in
 * bold (ANSI escapes). With {@link Builder#colors(boolean) colors(false)} no escapes are written and
 * the rest of the bar is drawn with {@code ─} (U+2500) so that progress stays visible — an Airfoil
 * addition; Keras has no colourless mode. Verbose 2 prints only the final line, as
 * {@code 250/250 - 2s - 7ms/step - accuracy: 0.9100 - loss: 0.3012}. Verbose 0 prints nothing.
 *
 * <p>Values print with 4 decimals, or in {@code .4e} notation when their magnitude is at most 1e-3.
 * Metrics not declared stateful are averaged over the updates, weighted by the steps between them
 * (Keras's "stateless" averaging); the finalizing update shows the values it is given as they are.
 *
 * <pre>{@code
 * Progbar bar = Progbar.builder(100).build();
 * for (int step = 1; step <= 100; step++) {
 *     bar.update(step, Map.of("loss", loss));
 * }
 * }</pre>
 */
public final class Progbar {
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";
    private static final String GREEN = "\u001b[32m";
    private static final String WHITE = "\u001b[37m";
    private static final String DONE = "\u2501";
    private static final String REST_PLAIN = "\u2500";

    private Integer target;
    private final int width;
    private final int verbose;
    private final double interval;
    private final Set<String> statefulMetrics;
    private final Set<String> statelessMetrics;
    private final String unitName;
    private final PrintStream out;
    private final LongSupplier clock;
    private final boolean dynamicDisplay;
    private final boolean colors;

    private int seenSoFar;
    private final Map<String, double[]> values = new HashMap<>();
    private final List<String> valuesOrder = new ArrayList<>();
    private final double start;
    private double lastUpdate = Double.NEGATIVE_INFINITY;
    private Double timeAfterFirstStep;
    private int prevTotalWidth;

    private Progbar(Builder b) {
        if (b.statefulMetrics != null && b.statelessMetrics != null) {
            throw new IllegalArgumentException("Progbar: pass either statefulMetrics or statelessMetrics, not both. "
                    + "statefulMetrics makes every metric averaged except those listed; statelessMetrics averages "
                    + "only those listed.");
        }
        if (b.verbose < 0 || b.verbose > 2) {
            throw new IllegalArgumentException("Progbar: verbose must be 0, 1 or 2; received " + b.verbose);
        }
        this.target = b.target;
        this.width = b.width;
        this.verbose = b.verbose;
        this.interval = b.interval;
        this.statelessMetrics = b.statelessMetrics == null ? null : Set.copyOf(b.statelessMetrics);
        this.statefulMetrics = b.statelessMetrics != null ? null
                : b.statefulMetrics == null ? Set.of() : Set.copyOf(b.statefulMetrics);
        this.unitName = b.unitName;
        this.out = b.out;
        this.clock = b.clock;
        this.dynamicDisplay = b.dynamicDisplay;
        this.colors = b.colors;
        this.start = now();
    }

    /** A builder for a bar of {@code target} steps ({@code null} when unknown). */
    public static Builder builder(Integer target) {
        return new Builder(target);
    }

    private double now() {
        return clock.getAsLong() / 1e9;
    }

    /** The number of steps expected, or null when unknown. */
    public Integer target() {
        return target;
    }

    /** Sets the number of steps (Keras sets it at the end of a first epoch of unknown length). */
    public void setTarget(Integer target) {
        this.target = target;
    }

    /** The verbosity: 0 silent, 1 the redrawn bar, 2 one line when finalized. */
    public int verbose() {
        return verbose;
    }

    /** Updates the bar to step {@code current}; finalizes when {@code current >= target}. */
    public void update(int current, Map<String, Double> values) {
        update(current, values, null);
    }

    /** Advances the bar by {@code n} steps. */
    public void add(int n, Map<String, Double> values) {
        update(seenSoFar + n, values, null);
    }

    /**
     * Updates the bar.
     *
     * @param current the step reached (1-based)
     * @param newValues metric values for the last step, printed in this map's iteration order (keys
     *     seen for the first time are appended)
     * @param finalize whether this is the last update; null means {@code current >= target}
     */
    public void update(int current, Map<String, Double> newValues, Boolean finalize) {
        boolean fin = finalize != null ? finalize : target != null && current >= target;
        if (newValues != null) {
            for (Map.Entry<String, Double> e : newValues.entrySet()) {
                String k = e.getKey();
                double v = e.getValue() == null ? Double.NaN : e.getValue();
                if (!valuesOrder.contains(k)) {
                    valuesOrder.add(k);
                }
                boolean stateless = statefulMetrics != null ? !statefulMetrics.contains(k) : statelessMetrics.contains(k);
                if (stateless && !fin) {
                    int base = Math.max(current - seenSoFar, 1);
                    double[] acc = values.get(k);
                    if (acc == null) {
                        values.put(k, new double[] {v * base, base});
                    } else {
                        acc[0] += v * base;
                        acc[1] += base;
                    }
                } else {
                    values.put(k, new double[] {v, 1});
                }
            }
        }
        seenSoFar = current;

        double now = now();
        double timePerUnit = estimateStepDuration(current, now);

        if (verbose == 1) {
            if (now - lastUpdate < interval && !fin) {
                return;
            }
            StringBuilder message = new StringBuilder();
            if (dynamicDisplay) {
                message.append("\b".repeat(prevTotalWidth)).append('\r');
            } else {
                message.append('\n');
            }
            int special = 0;
            StringBuilder bar = new StringBuilder();
            if (target != null && target > 0) {
                String count = count(current);
                if (colors) {
                    bar.append(BOLD).append(count).append(RESET).append(' ');
                    special += 8;
                } else {
                    bar.append(count).append(' ');
                }
                double prog = (double) current / target;
                int progWidth = (int) (width * prog);
                int restWidth = Math.max(0, width - progWidth);
                if (colors) {
                    if (progWidth > 0) {
                        bar.append(GREEN).append(DONE.repeat(progWidth)).append(RESET);
                        special += 9;
                    }
                    bar.append(WHITE).append(DONE.repeat(restWidth)).append(RESET);
                    special += 9;
                } else {
                    bar.append(DONE.repeat(Math.max(0, progWidth))).append(REST_PLAIN.repeat(restWidth));
                }
            } else {
                bar.append(String.format("%7d/Unknown", current));
            }
            message.append(bar);

            String time;
            if (target != null && target > 0 && !fin) {
                time = eta(timePerUnit * (target - current));
            } else {
                time = PyFormat.fixed(now - start, 0) + "s";
            }
            StringBuilder info = new StringBuilder(" ");
            if (colors) {
                info.append(BOLD).append(time).append(RESET);
                special += 8;
            } else {
                info.append(time);
            }
            info.append(formatTime(timePerUnit, unitName));
            for (String k : valuesOrder) {
                double avg = average(k);
                info.append(" - ").append(k).append(':').append(' ')
                        .append(Math.abs(avg) > 1e-3 ? PyFormat.fixed(avg, 4) : PyFormat.sci(avg, 4));
            }
            message.append(info);

            int totalWidth = bar.length() + info.length() - special;
            if (prevTotalWidth > totalWidth) {
                message.append(" ".repeat(prevTotalWidth - totalWidth));
            }
            if (fin) {
                message.append('\n');
            }
            out.print(message);
            out.flush();
            prevTotalWidth = totalWidth;
        } else if (verbose == 2) {
            if (fin && target != null && target > 0) {
                StringBuilder info = new StringBuilder();
                info.append(count(current)).append(" - ").append(PyFormat.fixed(now - start, 0)).append('s');
                info.append(" -").append(formatTime(timePerUnit, unitName));
                for (String k : valuesOrder) {
                    double avg = average(k);
                    // Keras's verbose-2 branch compares the signed value (no abs), unlike verbose 1.
                    info.append(" - ").append(k).append(':').append(' ')
                            .append(avg > 1e-3 ? PyFormat.fixed(avg, 4) : PyFormat.sci(avg, 4));
                }
                info.append('\n');
                out.print(info);
                out.flush();
            }
        }
        lastUpdate = now;
    }

    private double average(String k) {
        double[] acc = values.get(k);
        return acc[0] / Math.max(1, acc[1]);
    }

    private String count(int current) {
        int numDigits = Integer.toString(target).length();
        return String.format("%" + numDigits + "d/%d", current, target);
    }

    /** Keras's ETA text: {@code h:mm:ss}, {@code m:ss} or {@code Ns}. */
    static String eta(double eta) {
        if (eta > 3600) {
            return String.format("%d:%02d:%02d", (long) Math.floor(eta / 3600), (long) Math.floor((eta % 3600) / 60),
                    (long) (eta % 60));
        } else if (eta > 60) {
            return String.format("%d:%02d", (long) Math.floor(eta / 60), (long) (eta % 60));
        }
        return (long) eta + "s";
    }

    /** Keras's time per unit: {@code " 2s/step"}, {@code " 7ms/step"} or {@code " 350us/step"}. */
    static String formatTime(double timePerUnit, String unitName) {
        if (timePerUnit >= 1 || timePerUnit == 0) {
            return " " + PyFormat.fixed(timePerUnit, 0) + "s/" + unitName;
        } else if (timePerUnit >= 1e-3) {
            return " " + PyFormat.fixed(timePerUnit * 1000.0, 0) + "ms/" + unitName;
        }
        return " " + PyFormat.fixed(timePerUnit * 1000000.0, 0) + "us/" + unitName;
    }

    /** The time of one step, ignoring the (usually slow) first step once later steps exist. */
    private double estimateStepDuration(int current, double now) {
        if (current == 0) {
            return 0;
        }
        double timePerUnit;
        if (timeAfterFirstStep != null && current > 1) {
            timePerUnit = (now - timeAfterFirstStep) / (current - 1);
        } else {
            timePerUnit = (now - start) / current;
        }
        if (current == 1) {
            timeAfterFirstStep = now;
        }
        return timePerUnit;
    }

    /** Options of a {@link Progbar}; Keras's defaults. */
    public static final class Builder {
        private final Integer target;
        private int width = 20;
        private int verbose = 1;
        private double interval = 0.05;
        private Set<String> statefulMetrics;
        private Set<String> statelessMetrics;
        private String unitName = "step";
        private PrintStream out = System.out;
        private LongSupplier clock = System::nanoTime;
        private boolean dynamicDisplay = true;
        private boolean colors = true;

        private Builder(Integer target) {
            this.target = target;
        }

        /** Bar width in characters (default 20). */
        public Builder width(int width) {
            this.width = width;
            return this;
        }

        /** 0 silent, 1 redrawn bar (default), 2 one line at the end. */
        public Builder verbose(int verbose) {
            this.verbose = verbose;
            return this;
        }

        /** Minimum seconds between two redraws in verbose 1 (default 0.05). */
        public Builder interval(double seconds) {
            this.interval = seconds;
            return this;
        }

        /** Metrics shown as given rather than averaged (all others are averaged). */
        public Builder statefulMetrics(Set<String> names) {
            this.statefulMetrics = names;
            return this;
        }

        /** Metrics averaged over time (all others shown as given). */
        public Builder statelessMetrics(Set<String> names) {
            this.statelessMetrics = names;
            return this;
        }

        /** The unit name in the time per unit (default "step"). */
        public Builder unitName(String unitName) {
            this.unitName = unitName;
            return this;
        }

        /** Where the bar is printed (default {@code System.out}). */
        public Builder out(PrintStream out) {
            this.out = out;
            return this;
        }

        /** The time source in nanoseconds (default {@code System::nanoTime}); for tests. */
        public Builder clock(LongSupplier nanoTime) {
            this.clock = nanoTime;
            return this;
        }

        /**
         * Whether verbose 1 redraws in place with {@code \b} and {@code \r} (default true, as Keras on
         * POSIX systems) or starts a new line for every redraw.
         */
        public Builder dynamicDisplay(boolean dynamicDisplay) {
            this.dynamicDisplay = dynamicDisplay;
            return this;
        }

        /** Whether verbose 1 writes Keras's ANSI colours and bold (default true). */
        public Builder colors(boolean colors) {
            this.colors = colors;
            return this;
        }

        /** The bar; its clock starts now. */
        public Progbar build() {
            return new Progbar(this);
        }
    }
}
