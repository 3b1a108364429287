package dev.airfoil.examples;

import dev.airfoil.layers.Names;
import dev.airfoil.models.Model;
import dev.airfoil.models.Models;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every seed model survives {@code toJson -> fromJson}: same summary, same config, same predictions with the same weights. */
class ModelConfigRoundTripTest {

    static Stream<Supplier<Model>> models() {
        return Stream.of(SeedModels::sequentialWithAdd, SeedModels::sequentialFromList, SeedModels::functionalWithFlatten,
                SeedModels::concatenate, SeedModels::twoInputs, SeedModels::twoOutputs, SeedModels::twoInputsTwoOutputs);
    }

    @ParameterizedTest
    @MethodSource("models")
    void roundTrip(Supplier<Model> build) {
        Names.clearSession();
        Model model = build.get();
        String json = Models.toJson(model);
        Model again = Models.fromJson(json);
        assertEquals(model.summary(null, false), again.summary(null, false));
        assertEquals(json, Models.toJson(again));
        again.setWeights(model.getWeights());
        List<Tensor> inputs = new ArrayList<>();
        long seed = 3;
        for (var in : model.inputs()) {
            int[] s = in.shape();
            s[0] = 4;
            inputs.add(Tensor.randomNormal(seed++, 0, 1, s));
        }
        List<Tensor> a = model.predict(inputs, 32);
        List<Tensor> b = again.predict(inputs, 32);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertTrue(a.get(i).allClose(b.get(i), 0, 0), "output " + i);
        }
    }
}
