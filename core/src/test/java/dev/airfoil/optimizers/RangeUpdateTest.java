package dev.airfoil.optimizers;

import dev.airfoil.layers.Variable;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Range-wise parallel updates ({@link Optimizer#updatesByRange()}) give bit for bit the weights and
 * slots of the whole-array update, on variables large enough to be split into many ranges.
 */
class RangeUpdateTest {

    /** Adam forced onto the whole-array path. */
    private static final class WholeArrayAdam extends Adam {
        WholeArrayAdam() {
            super(1e-3);
        }

        @Override
        protected boolean updatesByRange() {
            return false;
        }
    }

    @Test
    void parallelRangesEqualTheWholeArrayUpdate() {
        for (boolean amsgrad : new boolean[] {false, true}) {
            Adam ranged = new Adam(1e-3);
            Adam whole = new WholeArrayAdam();
            if (amsgrad) {
                ranged.amsgrad(true);
                whole.amsgrad(true);
            }
            assertTrue(ranged.updatesByRange());
            int[] sizes = {100_003, 7, 65_536};
            List<Variable> a = variables(sizes, "a");
            List<Variable> b = variables(sizes, "b");
            for (int step = 0; step < 3; step++) {
                List<Tensor> grads = new java.util.ArrayList<>();
                for (int i = 0; i < sizes.length; i++) {
                    grads.add(Tensor.randomUniform(100 + 10L * step + i, -1, 1, sizes[i]));
                }
                ranged.applyGradients(a, grads);
                whole.applyGradients(b, grads);
            }
            for (int i = 0; i < sizes.length; i++) {
                assertArrayEquals(b.get(i).value().floatData(), a.get(i).value().floatData(),
                        "amsgrad=" + amsgrad + " variable " + i);
            }
            for (int v = 0; v < whole.variables().size(); v++) {
                assertArrayEquals(whole.variables().get(v).value().toDoubleArray(),
                        ranged.variables().get(v).value().toDoubleArray(), "slot " + v);
            }
        }
    }

    private static List<Variable> variables(int[] sizes, String prefix) {
        List<Variable> out = new java.util.ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            out.add(new Variable(prefix + i, Tensor.randomUniform(i + 1, -1, 1, sizes[i])));
        }
        return out;
    }
}
