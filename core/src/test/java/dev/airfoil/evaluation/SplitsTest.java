package dev.airfoil.evaluation;

import dev.airfoil.testing.Golden;
import tools.jackson.databind.JsonNode;
import dev.airfoil.data.Dataset;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fold assignments against scikit-learn 1.2.1 (identical where deterministic). */
class SplitsTest {
    private static final JsonNode G = Golden.read("/golden/sklearn/splits.json");

    private static int[] labels(String name) {
        return Arrays2.labels(Dataset.load(name).y());
    }

    @Test
    void unshuffledKFoldIsIdenticalToSklearn() {
        for (JsonNode c : G.get("kfold")) {
            List<Fold> folds = new KFold(c.get("k").asInt()).split(c.get("n").asInt(), null);
            for (int f = 0; f < folds.size(); f++) {
                assertArrayEquals(Golden.ints(c.get("test").get(f)), folds.get(f).test(), "n=" + c.get("n") + " fold " + f);
            }
        }
    }

    @Test
    void unshuffledStratifiedKFoldIsIdenticalToSklearn() {
        for (JsonNode c : G.get("stratified")) {
            int[] y = labels(c.get("data").asString());
            int k = c.get("k").asInt();
            List<Fold> folds = new StratifiedKFold(k).split(y.length, y);
            for (int f = 0; f < k; f++) {
                assertArrayEquals(Golden.ints(c.get("test").get(f)), folds.get(f).test(), c.get("data") + " fold " + f);
            }
            // shuffled: class counts per fold do not depend on the shuffle, so they match exactly too
            List<Fold> sh = StratifiedKFold.shuffled(k, 0).split(y.length, y);
            for (int f = 0; f < k; f++) {
                int[] counts = new int[Arrays2.numClasses(y)];
                for (int i : sh.get(f).test()) {
                    counts[y[i]]++;
                }
                assertArrayEquals(Golden.ints(c.get("shuffled_class_counts").get(f)), counts);
            }
        }
    }

    @Test
    void groupKFoldIsIdenticalToSklearn() {
        for (JsonNode c : G.get("group")) {
            int[] groups = Golden.ints(c.get("groups"));
            List<Fold> folds = new GroupKFold(c.get("k").asInt(), groups).split(c.get("n").asInt(), null);
            for (int f = 0; f < folds.size(); f++) {
                assertArrayEquals(Golden.ints(c.get("test").get(f)), folds.get(f).test());
            }
            for (Fold f : folds) {
                for (int i : f.test()) {
                    for (int j : f.train()) {
                        assertTrue(groups[i] != groups[j], "a group is on both sides");
                    }
                }
            }
        }
    }

    @Test
    void holdOutSizesMatchTrainTestSplit() {
        for (JsonNode c : G.get("sizes")) {
            int n = c.get("n").asInt();
            Splits.Split s = Splits.trainValidationTest(n, null, 0, c.get("test_size").asDouble(), 3);
            assertEquals(c.get("test").asInt(), s.test().length, "n=" + n);
            assertEquals(c.get("train").asInt(), s.train().length);
        }
        for (JsonNode c : G.get("stratified_sizes")) {
            Tensor y = Dataset.load(c.get("data").asString()).y();
            Splits.Split s = Splits.trainTest(y, c.get("test_size").asDouble(), 5, true);
            assertEquals(c.get("test").asInt(), s.test().length);
            assertEquals(c.get("train").asInt(), s.train().length);
            int[] yl = Arrays2.labels(y);
            int[] expected = Golden.ints(c.get("test_class_counts"));
            int[] counts = new int[expected.length];
            for (int i : s.test()) {
                counts[yl[i]]++;
            }
            for (int k = 0; k < counts.length; k++) {
                // scikit-learn breaks remainder ties at random; ours go to the largest remainder
                assertTrue(Math.abs(counts[k] - expected[k]) <= 1, c.get("data") + " class " + k + ": "
                        + Arrays.toString(counts) + " vs " + Arrays.toString(expected));
            }
        }
    }

    @Test
    void repeatedAndLeaveOneOutCounts() {
        JsonNode r = G.get("repeated");
        List<Fold> folds = new RepeatedKFold(5, 3, 0, false).split(150, null);
        assertEquals(r.get("folds").asInt(), folds.size());
        assertArrayEquals(Golden.ints(r.get("test_sizes")), folds.stream().mapToInt(f -> f.test().length).toArray());
        assertEquals(G.get("loo").get("folds").asInt(), new LeaveOneOut().split(12, null).size());
    }

    @Test
    void threeWaySplitIsAPartitionAndStratified() {
        Tensor y = Dataset.load("wine").y();
        Splits.Split s = Splits.trainValidationTest(y, 0.2, 0.2, 42, true);
        int[] all = new int[178];
        for (int[] part : List.of(s.train(), s.validation(), s.test())) {
            for (int i : part) {
                all[i]++;
            }
        }
        assertTrue(Arrays.stream(all).allMatch(c -> c == 1));
        assertEquals(36, s.test().length);
        assertEquals(36, s.validation().length);
        // same seed, same split; another seed, another split
        assertArrayEquals(s.test(), Splits.trainValidationTest(y, 0.2, 0.2, 42, true).test());
        assertTrue(!Arrays.equals(s.test(), Splits.trainValidationTest(y, 0.2, 0.2, 43, true).test()));
        int[] yl = Arrays2.labels(y);
        int[] counts = new int[3];
        for (int i : s.test()) {
            counts[yl[i]]++;
        }
        assertArrayEquals(new int[] {12, 14, 10}, counts); // 59/71/48 of 178 -> 11.9/14.4/9.7
    }

    @Test
    void shuffledKFoldCoversEverySampleOnce() {
        List<Fold> folds = KFold.shuffled(4, 9).split(10, null);
        int[] seen = new int[10];
        for (Fold f : folds) {
            assertEquals(10, f.train().length + f.test().length);
            for (int i : f.test()) {
                seen[i]++;
            }
        }
        assertTrue(Arrays.stream(seen).allMatch(c -> c == 1));
        assertEquals(folds, KFold.shuffled(4, 9).split(10, null));
    }

    @Test
    void errorsSayWhatToDo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StratifiedKFold(3).split(Tensor.of(new float[] {1, 2, 3}, 3)));
        assertTrue(e.getMessage().contains("KFold"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new KFold(1));
        assertThrows(IllegalArgumentException.class, () -> new KFold(5).split(3, null));
        assertThrows(IllegalArgumentException.class, () -> new GroupKFold(3, new int[] {1, 1, 2}).split(3, null));
    }
}
