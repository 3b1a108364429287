package dev.airfoil.optimizers.schedules;

import dev.airfoil.saving.ConfigMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A piecewise-constant schedule (Keras {@code PiecewiseConstantDecay}): {@code values[0]} while
 * {@code step <= boundaries[0]}, {@code values[1]} while {@code step <= boundaries[1]}, ..., and
 * {@code values[n]} after the last boundary.
 *
 * <p>Arguments: {@code boundaries} (strictly increasing step numbers); {@code values} (one more
 * than the boundaries); {@code name} (default {@code "PiecewiseConstant"}).
 *
 * <p>Example: {@code new PiecewiseConstantDecay(List.of(100000, 110000), List.of(1.0, 0.5, 0.1))}.
 */
public final class PiecewiseConstantDecay extends LearningRateSchedule {
    private final List<Number> boundaries;
    private final List<Number> values;
    private final long[] bounds;
    private final float[] vals;
    private final String name;

    /** A schedule with the default name. */
    public PiecewiseConstantDecay(List<? extends Number> boundaries, List<? extends Number> values) {
        this(boundaries, values, null);
    }

    /** A schedule; {@code name} null for the default. */
    public PiecewiseConstantDecay(List<? extends Number> boundaries, List<? extends Number> values, String name) {
        if (boundaries.size() != values.size() - 1) {
            throw new IllegalArgumentException("The length of boundaries should be 1 less than the length of values. "
                    + "Received: boundaries=" + boundaries + " of length " + boundaries.size() + ", and values=" + values
                    + " of length " + values.size() + ".");
        }
        this.boundaries = List.copyOf(boundaries);
        this.values = List.copyOf(values);
        this.bounds = new long[boundaries.size()];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = (long) boundaries.get(i).doubleValue(); // cast to the step's integer type, as Keras does
        }
        this.vals = new float[values.size()];
        for (int i = 0; i < vals.length; i++) {
            vals[i] = values.get(i).floatValue();
        }
        this.name = name == null ? "PiecewiseConstant" : name;
    }

    /** From a Keras config. */
    public PiecewiseConstantDecay(ConfigMap c) {
        this(numbers(c.getList("boundaries")), numbers(c.getList("values")), c.getString("name", null));
    }

    private static List<Number> numbers(List<Object> l) {
        List<Number> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof Number)) {
                throw new IllegalArgumentException("PiecewiseConstantDecay config: expected a list of numbers, got " + l);
            }
            out.add((Number) o);
        }
        return out;
    }

    @Override
    public double call(long step) {
        for (int i = 0; i < bounds.length; i++) {
            if (step <= bounds[i]) {
                return vals[i];
            }
        }
        return vals[vals.length - 1];
    }

    @Override
    public String className() {
        return "PiecewiseConstantDecay";
    }

    @Override
    public Map<String, Object> getConfig() {
        return ConfigMap.of("boundaries", new ArrayList<>(boundaries), "values", new ArrayList<>(values), "name", name);
    }
}
