package dev.airfoil.data;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetsTest {
    private static long[] counts(Tensor labels, int classes) {
        long[] c = new long[classes];
        for (long v : labels.toLongArray()) {
            c[(int) v]++;
        }
        return c;
    }

    @Test
    void loadsMnist10k() {
        DatasetSplit m = Datasets.load("mnist-10k");
        assertArrayEquals(new int[]{8000, 28, 28}, m.xTrain().shape());
        assertArrayEquals(new int[]{2000, 28, 28}, m.xTest().shape());
        assertEquals(DType.FLOAT32, m.xTrain().dtype());
        assertEquals(DType.INT64, m.yTrain().dtype());
        assertEquals(1, m.yTrain().toLongArray()[0]);
        assertEquals(2, m.yTest().toLongArray()[0]);
        long[] train = counts(m.yTrain(), 10);
        assertArrayEquals(new long[]{814, 927, 785, 844, 781, 678, 801, 847, 748, 775}, train);
        assertEquals(8000, java.util.Arrays.stream(train).sum());
        double mean = m.xTrain().mean().item();
        assertEquals(209366329.0 / 255 / (8000 * 784), mean, 1e-5);
        assertEquals(10, m.info().numClasses());
        assertTrue(m.info().license().contains("MIT"));
        assertEquals(m, m); // records
        assertNotNull(Datasets.load("MNIST_10K").xTest(), "names are case-insensitive, '_' reads as '-'");
    }

    @Test
    void loadsUciTables() {
        Object[][] expected = {
                {"iris", 150, 4, new long[]{50, 50, 50}},
                {"wine", 178, 13, new long[]{59, 71, 48}},
                {"breast-cancer", 569, 30, new long[]{212, 357}},
                {"digits", 1797, 64, new long[]{178, 182, 177, 183, 181, 182, 181, 179, 174, 180}},
        };
        for (Object[] e : expected) {
            Dataset d = Dataset.load((String) e[0]);
            assertArrayEquals(new int[]{(Integer) e[1], (Integer) e[2]}, d.x().shape(), (String) e[0]);
            assertEquals(DType.FLOAT32, d.x().dtype());
            assertEquals(DType.INT64, d.y().dtype());
            long[] c = (long[]) e[3];
            assertArrayEquals(c, counts(d.y(), c.length), (String) e[0]);
            assertEquals(DatasetInfo.Task.CLASSIFICATION, d.info().task());
            assertEquals(c.length, d.info().numClasses());
            assertEquals(e[2], d.info().featureNames().size());
            assertEquals("CC BY 4.0", d.info().license());
        }
        Dataset iris = Dataset.load("iris");
        assertArrayEquals(new float[]{5.1f, 3.5f, 1.4f, 0.2f}, iris.x().slice(0, 0, 1).toFloatArray());
        assertEquals(List.of("setosa", "versicolor", "virginica"), iris.info().classNames());
    }

    @Test
    void loadsDiabetesRegression() {
        Dataset d = Datasets.loadTable("diabetes");
        assertArrayEquals(new int[]{442, 10}, d.x().shape());
        assertArrayEquals(new int[]{442}, d.y().shape());
        assertEquals(DType.FLOAT32, d.y().dtype());
        assertArrayEquals(new float[]{59, 2, 32.1f, 101, 157, 93.2f, 38, 4, 4.8598f, 87},
                d.x().slice(0, 0, 1).toFloatArray());
        assertEquals(151f, d.y().toFloatArray()[0]);
        assertEquals(DatasetInfo.Task.REGRESSION, d.info().task());
        assertEquals(0, d.info().numClasses());
    }

    @Test
    void listsEveryDataSetWithShapes() {
        List<DatasetInfo> all = Datasets.list();
        assertEquals(List.of("mnist-10k", "iris", "wine", "breast-cancer", "digits", "diabetes"),
                all.stream().map(DatasetInfo::name).toList());
        assertEquals("x_train (8000, 28, 28) float32, y_train (8000,) int64, x_test (2000, 28, 28) float32,"
                + " y_test (2000,) int64", all.get(0).shapes());
        assertEquals("x (150, 4) float32, y (150,) int64", Datasets.info("iris").shapes());
        assertEquals("x (442, 10) float32, y (442,) float32", Datasets.info("diabetes").shapes());
        for (DatasetInfo i : all) {
            assertTrue(!i.source().isEmpty() && !i.license().isEmpty() && !i.description().isEmpty(), i.name());
        }
        assertNotNull(DatasetsTest.class.getResource("/dev/airfoil/data/LICENSES.md"));
    }

    @Test
    void clearErrorsForWrongNamesAndLoaders() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Datasets.load("cifar10"));
        assertTrue(unknown.getMessage().contains("Unknown data set 'cifar10'. Bundled data sets: mnist-10k, iris"),
                unknown.getMessage());
        IllegalArgumentException table = assertThrows(IllegalArgumentException.class, () -> Datasets.load("iris"));
        assertTrue(table.getMessage().contains("Dataset.load(\"iris\")"), table.getMessage());
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class, () -> Dataset.load("mnist-10k"));
        assertTrue(split.getMessage().contains("Datasets.load(\"mnist-10k\")"), split.getMessage());
    }
}
