package dev.airfoil.layers.core;

import dev.airfoil.layers.Input;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.models.Model;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lambda's shapes (inferred by running the function, or given), arguments, masks and refusals; files are in LambdaFilesTest. */
class LambdaTest {

    @Test
    void theOutputShapeIsInferredByRunningTheFunctionOrTakenAsGiven() {
        Lambda pairs = Lambda.builder(x -> x.reshape(x.dim(0), -1, 2)).build();
        assertArrayEquals(new int[] {-1, 3, 2}, pairs.apply(Input.shape(6)).shape());
        Lambda given = Lambda.builder(x -> x.sum(new int[] {1}, false)).outputShape(4).build();
        assertArrayEquals(new int[] {-1, 4}, given.apply(Input.shape(5, 4)).shape());
        assertArrayEquals(new int[] {2, 4}, given.apply(Tensor.ones(2, 5, 4)).shape());
    }

    @Test
    void severalInputsReachAListFunctionInAFunctionalGraph() {
        KerasTensor a = Input.shape(3);
        KerasTensor b = Input.shape(3);
        KerasTensor out = Lambda.builderList(xs -> xs.get(0).sub(xs.get(1)).abs()).build().apply(a, b);
        Model m = new Model(List.of(a, b), List.of(out), "diff");
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        Tensor y = Tensor.of(new float[] {3, 2, 1}, 1, 3);
        assertTrue(m.predict(List.of(x, y), 8).get(0).allClose(Tensor.of(new float[] {2, 0, 2}, 1, 3), 0, 0));
    }

    @Test
    void argumentsReachTheFunctionAndMustBeSaveableValues() {
        Lambda scaled = Lambda.builder((List<Tensor> xs, Map<String, Object> args) ->
                xs.get(0).mul(((Number) args.get("k")).doubleValue())).arguments(Map.of("k", 3)).build();
        assertTrue(scaled.apply(Tensor.ones(1, 2)).allClose(Tensor.full(3.0, 1, 2), 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Lambda.builder(x -> x).arguments(Map.of("t", Tensor.ones(1))));
        assertEquals("Lambda: argument 't' is a Tensor; arguments must be numbers, strings, booleans or lists of"
                + " them, so that they can be saved", e.getMessage());
    }

    @Test
    void aMaskFunctionGivesTheOutputMaskAndWithoutOneTheMaskIsDropped() {
        Tensor x = Tensor.ones(2, 3, 4);
        Tensor mask = Tensor.ofBooleans(new boolean[] {true, true, false, true, false, false}, 2, 3);
        Lambda keep = Lambda.builder(t -> t.mul(2)).mask((in, m) -> m).build();
        assertTrue(keep.computeMasks(List.of(x), Arrays.asList(mask), 1).get(0) == mask);
        Lambda drop = new Lambda(t -> t.mul(2));
        assertNull(drop.computeMasks(List.of(x), Arrays.asList(mask), 1).get(0));
    }

    @Test
    void refusalsNameTheLayerAndTheFix() {
        Lambda one = Lambda.builder(x -> x).name("single").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> one.apply(List.of(Tensor.ones(1, 2), Tensor.ones(1, 2)), false));
        assertEquals("Lambda function takes one input but received 2; register it with registerList (or build it with"
                + " builderList) for several inputs", e.getMessage());
        assertEquals("Lambda: no function is registered under the name 'nothing_here'; call"
                + " Lambda.register(\"nothing_here\", fn) with the Java function before building or loading the layer",
                assertThrows(IllegalArgumentException.class, () -> Lambda.named("nothing_here")).getMessage());
        Lambda masked = Lambda.builder(x -> x).mask((in, m) -> m).name("masked").build();
        Lambda.register("lambda_test_identity", x -> x);
        Lambda namedMasked = Lambda.named("lambda_test_identity").mask((in, m) -> m).name("nm").build();
        assertTrue(assertThrows(IllegalStateException.class, masked::getConfig).getMessage()
                .startsWith("Layer 'masked' (Lambda): its function is Java code, which cannot be saved"));
        assertEquals("Layer 'nm' (Lambda): its mask function is Java code, which cannot be saved; save the model"
                + " without it, or compute the mask with a Masking layer",
                assertThrows(IllegalStateException.class, namedMasked::getConfig).getMessage());
    }
}
