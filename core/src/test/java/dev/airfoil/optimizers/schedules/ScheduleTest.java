package dev.airfoil.optimizers.schedules;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Argument checks and documented shapes of the schedules (values are pinned by {@link ScheduleGoldenTest}). */
class ScheduleTest {
    @Test
    void stepCountsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0.1, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new InverseTimeDecay(0.1, -1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new PolynomialDecay(0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new CosineDecay(0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new CosineDecayRestarts(0.1, 0));
    }

    @Test
    void piecewiseNeedsOneMoreValueThanBoundaries() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PiecewiseConstantDecay(List.of(1, 2), List.of(0.1, 0.2)));
        assertTrue(e.getMessage().contains("1 less"), e.getMessage());
        PiecewiseConstantDecay p = new PiecewiseConstantDecay(List.of(10), List.of(1.0, 0.5));
        assertEquals(1.0, p.call(10));
        assertEquals(0.5, p.call(11));
    }

    @Test
    void cosineDecayStaysAtItsFloorAfterDecaySteps() {
        CosineDecay c = new CosineDecay(1.0, 10, 0.1, null, null, 0);
        assertEquals(1.0, c.call(0), 1e-7);
        assertEquals(0.1, c.call(10), 1e-7);
        assertEquals(0.1, c.call(1000), 1e-7);
    }

    @Test
    void defaultsMatchKeras() {
        assertEquals(Map.of("initial_learning_rate", 0.1, "decay_steps", 5, "end_learning_rate", 0.0001, "power", 1.0,
                "cycle", false, "name", "PolynomialDecay"), new PolynomialDecay(0.1, 5).getConfig());
        assertEquals("SGDRDecay", new CosineDecayRestarts(0.1, 5).getConfig().get("name"));
        assertEquals(2.0, new CosineDecayRestarts(0.1, 5).getConfig().get("t_mul"));
        assertEquals("PiecewiseConstant", new PiecewiseConstantDecay(List.of(1), List.of(1, 2)).getConfig().get("name"));
        assertThrows(IllegalArgumentException.class, () -> Schedules.get("NoSuchDecay"));
    }
}
