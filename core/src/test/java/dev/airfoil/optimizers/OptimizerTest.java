package dev.airfoil.optimizers;

import dev.airfoil.constraints.Constraint;
import dev.airfoil.layers.Variable;
import dev.airfoil.optimizers.schedules.ExponentialDecay;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviour of the optimizer base class, the registry and the defaults (beyond the Keras golden replay). */
class OptimizerTest {

    private static Variable var(String name, float... values) {
        return new Variable(name, Tensor.of(values, values.length));
    }

    private static Tensor t(float... values) {
        return Tensor.of(values, values.length);
    }

    @Test
    void registryResolvesKerasStringsWithKerasDefaults() {
        Object[][] expected = {
            {"sgd", SGD.class, 0.01}, {"adam", Adam.class, 0.001}, {"adamw", AdamW.class, 0.001},
            {"rmsprop", RMSprop.class, 0.001}, {"adagrad", Adagrad.class, 0.001}, {"adadelta", Adadelta.class, 0.001},
            {"adamax", Adamax.class, 0.001}, {"nadam", Nadam.class, 0.001}, {"lion", Lion.class, 0.001},
            {"ftrl", Ftrl.class, 0.001}, {"lamb", Lamb.class, 0.001}, {"RMSprop", RMSprop.class, 0.001},
            {"AdamW", AdamW.class, 0.001},
        };
        for (Object[] e : expected) {
            Optimizer o = Optimizers.get(e[0]);
            assertInstanceOf((Class<?>) e[1], o, (String) e[0]);
            assertEquals((float) (double) (Double) e[2], (float) o.learningRate(), (String) e[0]);
        }
        Map<String, Object> adam = Optimizers.get("adam").getConfig();
        assertEquals(0.9, adam.get("beta_1"));
        assertEquals(0.999, adam.get("beta_2"));
        assertEquals(1e-7, adam.get("epsilon"));
        assertEquals(false, adam.get("amsgrad"));
        assertEquals(0.004, Optimizers.get("adamw").getConfig().get("weight_decay"));
        Map<String, Object> rms = Optimizers.get("rmsprop").getConfig();
        assertEquals(0.9, rms.get("rho"));
        assertEquals(0.0, rms.get("momentum"));
        assertEquals(0.1, Optimizers.get("adagrad").getConfig().get("initial_accumulator_value"));
        assertEquals(0.95, Optimizers.get("adadelta").getConfig().get("rho"));
        assertEquals(0.99, Optimizers.get("lion").getConfig().get("beta_2"));
        assertEquals(-0.5, Optimizers.get("ftrl").getConfig().get("learning_rate_power"));
        Optimizer same = new SGD();
        assertSame(same, Optimizers.get(same));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.get("sgdd"));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.get(null));
    }

    @Test
    void configKeysFollowKerasOrder() {
        List<String> keys = new ArrayList<>(new Adam().getConfig().keySet());
        assertEquals(List.of("name", "learning_rate", "weight_decay", "clipnorm", "global_clipnorm", "clipvalue", "use_ema",
                "ema_momentum", "ema_overwrite_frequency", "loss_scale_factor", "gradient_accumulation_steps", "beta_1",
                "beta_2", "epsilon", "amsgrad"), keys);
        Map<String, Object> s = new SGD(new ExponentialDecay(0.1, 3, 0.5)).getConfig();
        @SuppressWarnings("unchecked")
        Map<String, Object> lr = (Map<String, Object>) s.get("learning_rate");
        assertEquals("keras.optimizers.schedules", lr.get("module"));
        assertEquals("ExponentialDecay", lr.get("class_name"));
        assertTrue(lr.containsKey("registered_name"));
    }

    @Test
    void unknownConfigKeysAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.REGISTRY.create("Adam", Map.of("momentum", 0.9)));
        assertTrue(e.getMessage().contains("momentum"), e.getMessage());
    }

    @Test
    void automaticNamesAreSnakeCaseAndUnique() {
        assertEquals("rm_sprop", OptimizerNames.toSnakeCase("RMSprop"));
        assertEquals("adam_w", OptimizerNames.toSnakeCase("AdamW"));
        assertEquals("sgd", OptimizerNames.toSnakeCase("SGD"));
        String a = new Adamax().name();
        String b = new Adamax().name();
        assertTrue(a.startsWith("adamax"));
        assertFalse(a.equals(b));
        Optimizer named = new Adam().name("my_opt");
        Variable v = var("w", 1f);
        named.applyGradients(List.of(v), List.of(t(1f)));
        assertEquals("my_opt/w_momentum", named.variables().get(2).path());
        assertThrows(IllegalArgumentException.class, () -> new Adam().name("a/b"));
    }

    @Test
    void onlyOneClipOptionMayBeSet() {
        assertThrows(IllegalArgumentException.class, () -> new SGD().clipnorm(1.0).clipvalue(1.0));
        assertThrows(IllegalArgumentException.class, () -> new SGD().globalClipnorm(1.0).clipnorm(1.0));
        assertThrows(IllegalArgumentException.class,
                () -> Optimizers.REGISTRY.create("SGD", Map.of("clipnorm", 1.0, "clipvalue", 2.0)));
    }

    @Test
    void clipOptionsBoundTheStep() {
        Variable w = var("w", 0f, 0f);
        new SGD(1.0).clipvalue(0.5).applyGradients(List.of(w), List.of(t(3f, -0.25f)));
        assertArrayEquals(new float[] {-0.5f, 0.25f}, w.value().toFloatArray());

        Variable u = var("u", 0f, 0f);
        new SGD(1.0).clipnorm(1.0).applyGradients(List.of(u), List.of(t(3f, 4f)));
        assertArrayEquals(new float[] {-0.6f, -0.8f}, u.value().toFloatArray(), 1e-7f);

        Variable a = var("a", 0f);
        Variable b = var("b", 0f);
        new SGD(1.0).globalClipnorm(1.0).applyGradients(List.of(a, b), List.of(t(3f), t(4f)));
        assertEquals(-0.6f, a.value().toFloatArray()[0], 1e-7f);
        assertEquals(-0.8f, b.value().toFloatArray()[0], 1e-7f);

        // a small gradient is left alone
        Variable c = var("c", 0f);
        new SGD(1.0).clipnorm(1.0).applyGradients(List.of(c), List.of(t(0.5f)));
        assertEquals(-0.5f, c.value().toFloatArray()[0]);
    }

    @Test
    void clippingDoesNotModifyTheCallersGradients() {
        Tensor g = t(3f, 4f);
        new Adam().clipnorm(1.0).applyGradients(List.of(var("w", 1f, 1f)), List.of(g));
        assertArrayEquals(new float[] {3f, 4f}, g.toFloatArray());
        Tensor h = t(3f, 4f);
        new SGD().gradientAccumulationSteps(2).applyGradients(List.of(var("w", 1f, 1f)), List.of(h));
        assertArrayEquals(new float[] {3f, 4f}, h.toFloatArray());
    }

    @Test
    void lossScaleFactorDividesGradients() {
        Variable w = var("w", 1f);
        Optimizer opt = new SGD(0.1).lossScaleFactor(4.0);
        opt.applyGradients(List.of(w), List.of(t(8f)));
        assertEquals(1f - 0.2f, w.value().toFloatArray()[0], 1e-7f);
        assertEquals(4.0, opt.getConfig().get("loss_scale_factor"));
    }

    @Test
    void constraintsApplyAfterTheUpdate() {
        Constraint nonNeg = new Constraint() {
            @Override
            public Tensor apply(Tensor w) {
                return w.maximum(0.0);
            }

            @Override
            public String className() {
                return "NonNeg";
            }

            @Override
            public Map<String, Object> getConfig() {
                return Map.of();
            }
        };
        Variable w = new Variable("w", t(0.05f, 1f), true, nonNeg, null);
        new SGD(0.1).applyGradients(List.of(w), List.of(t(1f, 1f)));
        assertArrayEquals(new float[] {0f, 0.9f}, w.value().toFloatArray(), 1e-7f);
    }

    @Test
    void missingGradientsSkipTheirVariables() {
        Variable a = var("a", 1f);
        Variable b = var("b", 1f);
        Optimizer opt = new Adam(0.1);
        List<Tensor> grads = Arrays.asList(t(1f), null);
        opt.applyGradients(List.of(a, b), grads);
        assertTrue(a.value().toFloatArray()[0] < 1f);
        assertEquals(1f, b.value().toFloatArray()[0]);
        assertEquals(1, opt.iterations());
        assertThrows(IllegalArgumentException.class, () -> opt.applyGradients(List.of(a, b), Arrays.asList(null, null)));
    }

    @Test
    void unknownVariablesAndMismatchesAreRejected() {
        Variable a = var("a", 1f);
        Optimizer opt = new SGD();
        opt.applyGradients(List.of(a), List.of(t(1f)));
        Variable other = var("other", 1f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> opt.applyGradients(List.of(other), List.of(t(1f))));
        assertTrue(e.getMessage().contains("Unknown variable"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> opt.applyGradients(List.of(a), List.of(t(1f, 2f))));
        assertThrows(IllegalArgumentException.class, () -> opt.applyGradients(List.of(a), List.of()));
        assertThrows(IllegalStateException.class, () -> opt.clipnorm(null).weightDecay(0.1));
    }

    @Test
    void applyUsesTheBuiltVariables() {
        Variable a = var("a", 1f);
        Optimizer opt = new SGD(0.5);
        assertThrows(IllegalStateException.class, () -> opt.apply(List.of(t(1f))));
        opt.build(List.of(a));
        opt.apply(List.of(t(1f)));
        assertEquals(0.5f, a.value().toFloatArray()[0]);
    }

    @Test
    void weightDecayIsDecoupledAndCanExcludeVariables() {
        Variable kernel = var("kernel", 1f);
        Variable bias = var("bias", 1f);
        Optimizer opt = new SGD(0.1).weightDecay(0.5).excludeFromWeightDecay(null, List.of("bias"));
        opt.applyGradients(List.of(kernel, bias), List.of(t(0f), t(0f)));
        assertEquals(1f - 1f * 0.5f * 0.1f, kernel.value().toFloatArray()[0]);
        assertEquals(1f, bias.value().toFloatArray()[0]);
        assertThrows(IllegalArgumentException.class,
                () -> Optimizers.REGISTRY.create("AdamW", new java.util.HashMap<>(java.util.Collections.singletonMap("weight_decay", null))));
    }

    @Test
    void learningRateIsSettableUnlessScheduled() {
        Optimizer opt = new SGD(0.1);
        opt.setLearningRate(0.5);
        assertEquals(0.5, opt.learningRate());
        assertEquals(0.5, opt.getConfig().get("learning_rate"));
        Optimizer sched = new SGD(new ExponentialDecay(0.1, 1, 0.5));
        assertThrows(IllegalStateException.class, () -> sched.setLearningRate(0.5));
        assertEquals(1, sched.variables().size());
        opt.setLearningRate(new ExponentialDecay(0.1, 1, 0.5));
        assertEquals(1, opt.variables().size());
        assertEquals(0.1f, (float) opt.learningRate());
    }

    @Test
    void stateRoundTripNeedsMatchingVariables() {
        Variable a = var("a", 1f, 2f);
        Adam opt = new Adam(0.1);
        opt.applyGradients(List.of(a), List.of(t(1f, 1f)));
        List<Tensor> state = opt.getState();
        assertEquals(4, state.size());
        assertEquals(1L, state.get(0).toLongArray()[0]);

        Adam fresh = new Adam(0.1);
        assertThrows(IllegalArgumentException.class, () -> fresh.setState(state));
        assertFalse(fresh.loadOwnVariables(Map.of("0", state.get(0))));
        fresh.build(List.of(var("a", 1f, 2f)));
        fresh.setState(state);
        assertEquals(1, fresh.iterations());
        List<Tensor> wrong = new ArrayList<>(state);
        wrong.set(2, Tensor.zeros(3));
        assertThrows(IllegalArgumentException.class, () -> fresh.setState(wrong));
    }

    @Test
    void gradientAccumulationCountsOptimizerSteps() {
        Variable a = var("a", 0f);
        Optimizer opt = new SGD(1.0).gradientAccumulationSteps(3);
        opt.applyGradients(List.of(a), List.of(t(1f)));
        opt.applyGradients(List.of(a), List.of(t(2f)));
        assertEquals(0f, a.value().toFloatArray()[0]);
        assertEquals(0, opt.iterations());
        opt.applyGradients(List.of(a), List.of(t(3f)));
        assertEquals(-2f, a.value().toFloatArray()[0]);
        assertEquals(1, opt.iterations());
        assertEquals(3, opt.rawIterations());
        assertThrows(IllegalArgumentException.class, () -> new SGD().gradientAccumulationSteps(1));
    }

    @Test
    void emaOptionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new SGD().emaMomentum(1.5).useEma(true));
        assertThrows(IllegalArgumentException.class, () -> new SGD().emaOverwriteFrequency(0));
        Optimizer noEma = new SGD();
        Variable a = var("a", 1f);
        noEma.applyGradients(List.of(a), List.of(t(1f)));
        noEma.finalizeVariableValues(List.of(a));
        assertEquals(1f - 0.01f, a.value().toFloatArray()[0]);
    }

    @Test
    void hyperparameterValidation() {
        assertThrows(IllegalArgumentException.class, () -> new SGD(0.1, 1.5, false));
        assertThrows(IllegalArgumentException.class, () -> new Lion(0.1, 0.0, 0.99));
        assertThrows(IllegalArgumentException.class, () -> new Ftrl(0.1, 0.5, 0.1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Ftrl(0.1).l1(-1));
        assertThrows(IllegalArgumentException.class, () -> new SGD(Double.NaN));
        assertNull(new Adam().weightDecay());
    }

    @Test
    void onlyFloat32VariablesAreSupported() {
        Variable d = new Variable("d", Tensor.of(new double[] {1.0}, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SGD().applyGradients(List.of(d), List.of(Tensor.of(new double[] {1.0}, 1))));
        assertTrue(e.getMessage().contains("float32"), e.getMessage());
    }

    @Test
    void updatesDoNotRecordAutodiffHistory() {
        Variable a = var("a", 1f, 2f);
        float[] before = a.value().floatData();
        new RMSprop(0.1).momentum(0.5).centered(true).applyGradients(List.of(a), List.of(t(1f, -1f)));
        assertSame(before, a.value().floatData());
        assertTrue(a.value().isLeaf());
        assertTrue(a.value().requiresGrad());
    }
}
