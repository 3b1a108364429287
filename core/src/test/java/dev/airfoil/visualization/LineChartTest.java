package dev.airfoil.visualization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {

    @TempDir
    Path dir;

    private static Map<String, List<Double>> history() {
        Map<String, List<Double>> h = new LinkedHashMap<>();
        h.put("loss", List.of(0.9, 0.6, 0.45, 0.38, 0.33));
        h.put("val_loss", List.of(1.0, 0.7, 0.55, 0.52, 0.54));
        h.put("accuracy", List.of(0.6, 0.72, 0.8, 0.84, 0.87));
        return h;
    }

    @Test
    void pngHasTheRequestedSizeAndColouredLines() throws Exception {
        Path file = dir.resolve("loss.png");
        LineChart chart = LineChart.learningCurves("Model loss", history(), "loss", "val_loss").size(600, 400).dpi(192);
        assertEquals(OutputFormat.PNG, chart.write(file));
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(1200, image.getWidth());
        assertEquals(800, image.getHeight());
        boolean blue = false;
        boolean orange = false;
        for (int x = 0; x < image.getWidth(); x += 2) {
            for (int y = 0; y < image.getHeight(); y += 2) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                blue |= rgb == 0x1f77b4;
                orange |= rgb == 0xff7f0e;
            }
        }
        assertTrue(blue && orange, "both series drawn in the palette colours");
    }

    @Test
    void svgIsWellFormedWithTitleLegendAndTicks() throws Exception {
        Path file = dir.resolve("loss.svg");
        LineChart.learningCurves("Model <loss>", history(), "loss", "val_loss").write(file);
        List<String> texts = Samples.texts(Samples.parseXml(Files.readString(file)));
        assertTrue(texts.contains("Model <loss>"), texts.toString());
        assertTrue(texts.contains("loss") && texts.contains("val_loss"), "legend entries: " + texts);
        assertTrue(texts.contains("epoch"), "x label");
        assertTrue(texts.contains("2") && texts.contains("4"), "integer epoch ticks: " + texts);
    }

    @Test
    void allEntriesByDefaultAndMissingKeysExplained() {
        assertEquals(3, LineChart.learningCurves("h", history()).series().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LineChart.learningCurves("h", history(), "val_accuracy"));
        assertTrue(e.getMessage().contains("val_accuracy") && e.getMessage().contains("loss"), e.getMessage());
    }

    @Test
    void nonFiniteValuesAndEmptyChartsStillDraw() throws Exception {
        LineChart chart = new LineChart("").addSeries("loss", new double[] {1, Double.NaN, 0.5, Double.POSITIVE_INFINITY});
        assertTrue(Samples.texts(Samples.parseXml(chart.toSvg())).contains("loss"));
        assertEquals(640, new LineChart("empty").toImage().getWidth());
        assertEquals(1, new LineChart("flat").addSeries("c", new double[] {2, 2}).series().size());
        Samples.parseXml(new LineChart("flat").addSeries("c", new double[] {2, 2}).toSvg());
    }

    @Test
    void dotAndOtherFormatsAreRefused() {
        LineChart chart = LineChart.learningCurves("h", history());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> chart.write(dir.resolve("h.dot")));
        assertTrue(e.getMessage().contains(".png or .svg"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> chart.write(dir.resolve("h.pdf")));
        assertThrows(IllegalArgumentException.class, () -> chart.addSeries("bad", new double[] {1}, new double[] {1, 2}));
    }

    @Test
    void ticksAreNiceNumbersInsideTheRange() {
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1.0, 1.25}, LineChart.ticks(0.1, 1.4, 6, false), 1e-12);
        assertArrayEquals(new double[] {5, 10, 15, 20}, LineChart.ticks(0.4, 20.6, 8, true), 1e-12);
        assertArrayEquals(new double[] {1, 2, 3}, LineChart.ticks(0.9, 3.1, 8, true), 1e-12);
        assertEquals("0.25", LineChart.format(0.25, 0.25));
        assertEquals("1.00", LineChart.format(1.0, 0.25));
        assertEquals("20", LineChart.format(20, 5));
        assertEquals("0.0", LineChart.format(-1e-17, 0.5));
        assertEquals("0", LineChart.format(-1e-17, 1));
    }
}
