package dev.airfoil.optimizers.schedules;

import dev.airfoil.optimizers.Optimizers;
import dev.airfoil.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Replays the schedule cases of {@code golden/training/optimizers.json} (Keras 3.15.1): values at
 * steps 0..10 (float32; 1e-6 relative), Keras's config, and the serialise/deserialise round trip.
 */
class ScheduleGoldenTest {
    @SuppressWarnings("unchecked")
    static Stream<Arguments> cases() {
        Map<String, Object> root = Golden.readMap("/golden/training/optimizers.json");
        return ((List<Map<String, Object>>) root.get("schedules")).stream().map(r -> Arguments.of(r.get("id"), r));
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valuesAndConfigMatchKeras(String id, Map<String, Object> record) {
        LearningRateSchedule s = Schedules.REGISTRY.create((String) record.get("class"), (Map<String, Object>) record.get("kwargs"));
        List<Number> steps = (List<Number>) record.get("steps");
        List<Number> values = (List<Number>) record.get("values");
        for (int i = 0; i < steps.size(); i++) {
            double e = values.get(i).doubleValue();
            double a = s.call(steps.get(i).longValue());
            if (Math.abs(a - e) > 1e-6 * Math.abs(e) + 1e-9) {
                fail(id + " at step " + steps.get(i) + ": expected " + e + " but got " + a);
            }
        }
        Golden.assertConfigEquals(record.get("config"), s.getConfig(), id);
        Map<String, Object> ser = Schedules.serialize(s);
        assertEquals("keras.optimizers.schedules", ser.get("module"));
        assertEquals(record.get("class"), ser.get("class_name"));
        LearningRateSchedule copy = Schedules.deserialize(ser);
        Golden.assertConfigEquals(s.getConfig(), copy.getConfig(), id + " round trip");
        for (int step = 0; step <= 20; step++) {
            assertEquals(s.call(step), copy.call(step), 0.0);
        }
        assertEquals(true, Optimizers.get("sgd") != null);
    }
}
