package dev.airfoil.examples;

import dev.airfoil.layers.core.Dense;
import dev.airfoil.models.Model;
import dev.airfoil.tensor.Tensor;

/**
 * The seed's subclassing example, completed: a model with {@code units} and {@code activation}
 * arguments whose {@code call} uses ordinary Java control flow. Layers held in fields are tracked
 * automatically (their weights train, save and count in the summary).
 *
 * <pre>{@code
 * MyModel model = new MyModel(30, "relu");
 * model.compile("adam", "mse");
 * model.fit(x, y, 10, 32);
 * }</pre>
 */
public class SubclassedModel extends Model {
    private final Dense denseLayer1;
    private final Dense denseLayer2;
    private final Dense output;
    private final int extraPasses;

    /** A model with hidden width {@code units}, an activation, and a number of extra passes through the second layer. */
    public SubclassedModel(int units, String activation, int extraPasses) {
        super((String) null);
        this.denseLayer1 = new Dense(units, activation);
        this.denseLayer2 = new Dense(units, activation);
        this.output = new Dense(1);
        this.extraPasses = extraPasses;
    }

    /** The seed's defaults: 30 units, relu, one extra pass. */
    public static SubclassedModel example() {
        SubclassedModel m = new SubclassedModel(30, "relu", 1);
        m.build(new int[] {-1, 8});
        return m;
    }

    @Override
    public Tensor call(Tensor inputs, boolean training) {
        Tensor x = denseLayer1.apply(inputs, training);
        Tensor h = denseLayer2.apply(x, training);
        for (int i = 0; i < extraPasses; i++) {
            // a residual refinement: any Java control flow works here
            h = denseLayer2.apply(h, training).add(x);
        }
        return output.apply(h, training);
    }
}
