package dev.airfoil.callbacks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProgbarTest {
    static final String B = "\u001b[1m";
    static final String R = "\u001b[0m";
    static final String G = "\u001b[32m";
    static final String W = "\u001b[37m";
    static final String H = "\u2501";

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    final FakeClock clock = new FakeClock();

    String text() {
        String s = bytes.toString(StandardCharsets.UTF_8);
        bytes.reset();
        return s;
    }

    static Map<String, Double> logs(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    @Test
    void verbose1RedrawsInPlaceWithEtaThrottlingAndAveraging() {
        Progbar bar = Progbar.builder(4).out(out).clock(clock).build();

        clock.seconds(0.5);
        bar.update(1, logs("loss", 0.75), false);
        assertEquals("\r" + B + "1/4" + R + " " + G + H.repeat(5) + R + W + H.repeat(15) + R
                + " " + B + "1s" + R + " 500ms/step - loss: 0.7500", text());

        clock.seconds(0.53125); // within 0.05 s of the last redraw: nothing printed, value still averaged
        bar.update(2, logs("loss", 0.25), false);
        assertEquals("", text());

        clock.seconds(0.625); // 62.5 ms/step rounds half to even, as Python's .0f
        bar.update(3, logs("loss", 0.5), false);
        assertEquals("\b".repeat(53) + "\r" + B + "3/4" + R + " " + G + H.repeat(15) + R + W + H.repeat(5) + R
                + " " + B + "0s" + R + " 62ms/step - loss: 0.5000 ", text());

        clock.seconds(0.75);
        bar.update(4, logs("loss", 0.25), false);
        assertEquals("\b".repeat(52) + "\r" + B + "4/4" + R + " " + G + H.repeat(20) + R + W + R
                + " " + B + "0s" + R + " 83ms/step - loss: 0.4375", text());

        clock.seconds(1.5); // finalize: the given values as they are, elapsed time instead of ETA
        bar.update(4, logs("loss", 0.4, "val_loss", 0.0005), true);
        assertEquals("\b".repeat(52) + "\r" + B + "4/4" + R + " " + G + H.repeat(20) + R + W + R
                + " " + B + "2s" + R + " 333ms/step - loss: 0.4000 - val_loss: 5.0000e-04\n", text());
    }

    @Test
    void verbose2PrintsOneLineWhenFinalized() {
        Progbar bar = Progbar.builder(250).verbose(2).out(out).clock(clock).build();
        clock.seconds(0.5);
        bar.update(100, Map.of());
        assertEquals("", text());
        clock.seconds(1.75);
        bar.update(250, logs("accuracy", 0.91, "loss", 0.3012, "val_accuracy", 0.93, "val_loss", 0.2512));
        assertEquals("250/250 - 2s - 7ms/step - accuracy: 0.9100 - loss: 0.3012 - val_accuracy: 0.9300"
                + " - val_loss: 0.2512\n", text());
    }

    @Test
    void verbose2UsesSignedThresholdLikeKeras() {
        Progbar bar = Progbar.builder(10).verbose(2).out(out).clock(clock).build();
        clock.seconds(3);
        bar.update(10, logs("score", -0.5));
        assertEquals("10/10 - 3s - 300ms/step - score: -5.0000e-01\n", text());

        Progbar bar1 = Progbar.builder(10).out(out).clock(clock).build();
        bar1.update(10, logs("score", -0.5));
        assertEquals("\r" + B + "10/10" + R + " " + G + H.repeat(20) + R + W + R + " " + B + "0s" + R
                + " 0s/step - score: -0.5000\n", text());
    }

    @Test
    void verbose0PrintsNothing() {
        Progbar bar = Progbar.builder(3).verbose(0).out(out).clock(clock).build();
        bar.update(1, logs("loss", 1));
        bar.update(3, logs("loss", 1));
        assertEquals("", text());
    }

    @Test
    void countIsRightAlignedToTheTargetsDigits() {
        Progbar bar = Progbar.builder(1000).out(out).clock(clock).colors(false).build();
        clock.seconds(0.002);
        bar.update(5, Map.of(), false);
        // 5/1000 of 20 columns is 0 done; ETA 0.0004 s * 995 = 0.398 s
        assertEquals("\r   5/1000 " + "\u2500".repeat(20) + " 0s 400us/step", text());
    }

    @Test
    void withoutColorsTheRestOfTheBarIsLight() {
        Progbar bar = Progbar.builder(4).out(out).clock(clock).colors(false).build();
        clock.seconds(0.5);
        bar.update(1, logs("loss", 0.75), false);
        assertEquals("\r1/4 " + H.repeat(5) + "\u2500".repeat(15) + " 1s 500ms/step - loss: 0.7500", text());
    }

    @Test
    void unknownTargetShowsCountAndElapsedTime() {
        Progbar bar = Progbar.builder(null).out(out).clock(clock).build();
        clock.seconds(2.0);
        bar.update(5, logs("loss", 0.5), false);
        assertEquals("\r      5/Unknown " + B + "2s" + R + " 400ms/step - loss: 0.5000", text());
    }

    @Test
    void nonDynamicDisplayStartsNewLines() {
        Progbar bar = Progbar.builder(2).out(out).clock(clock).dynamicDisplay(false).colors(false).build();
        clock.seconds(1);
        bar.update(1, Map.of(), false);
        clock.seconds(2);
        bar.update(2, Map.of(), true);
        assertEquals("\n1/2 " + H.repeat(10) + "\u2500".repeat(10) + " 1s 1s/step"
                + "\n2/2 " + H.repeat(20) + " 2s 1s/step\n", text());
    }

    @Test
    void addAdvancesBySteps() {
        Progbar bar = Progbar.builder(4).verbose(2).out(out).clock(clock).build();
        clock.seconds(0.004);
        bar.add(2, null);
        bar.add(2, logs("loss", 0.125));
        assertEquals("4/4 - 0s - 1ms/step - loss: 0.1250\n", text());
    }

    @Test
    void etaAndTimeFormatsFollowKeras() {
        assertEquals("1:02:05", Progbar.eta(3725.5));
        assertEquals("2:05", Progbar.eta(125.9));
        assertEquals("59s", Progbar.eta(59.9));
        assertEquals("0s", Progbar.eta(0));
        assertEquals(" 0s/step", Progbar.formatTime(0, "step"));
        assertEquals(" 1s/step", Progbar.formatTime(1.0, "step"));
        assertEquals(" 2s/step", Progbar.formatTime(2.5, "step"));
        assertEquals(" 1000ms/step", Progbar.formatTime(0.9999, "step"));
        assertEquals(" 7ms/step", Progbar.formatTime(0.007, "step"));
        assertEquals(" 400us/sample", Progbar.formatTime(0.0004, "sample"));
    }

    @Test
    void rejectsStatefulAndStatelessTogether() {
        assertThrows(IllegalArgumentException.class, () -> Progbar.builder(3)
                .statefulMetrics(java.util.Set.of("a")).statelessMetrics(java.util.Set.of("b")).build());
    }

    @Test
    void statefulMetricsAreShownAsGiven() {
        Progbar bar = Progbar.builder(4).out(out).clock(clock).colors(false).interval(0)
                .statefulMetrics(java.util.Set.of("acc")).build();
        clock.seconds(1);
        bar.update(1, logs("acc", 0.5, "loss", 1.0), false);
        text();
        clock.seconds(2);
        bar.update(2, logs("acc", 0.25, "loss", 0.5), false);
        String s = text();
        assertEquals(true, s.endsWith(" - acc: 0.2500 - loss: 0.7500"), s);
    }
}
