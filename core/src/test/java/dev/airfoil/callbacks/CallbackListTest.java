package dev.airfoil.callbacks;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.airfoil.callbacks.ProgbarTest.logs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallbackListTest {
    final FakeModel model = new FakeModel();

    @Test
    void forFitAppendsHistoryThenProgbarAndSharesModelAndParams() {
        Callback user = LambdaCallback.builder().build();
        CallbackList cbs = CallbackList.forFit(List.of(user), model, 5, 10, 2);
        List<Callback> all = cbs.callbacks();
        assertEquals(3, all.size());
        assertSame(user, all.get(0));
        assertTrue(all.get(1) instanceof History);
        assertTrue(all.get(2) instanceof ProgbarLogger);
        for (Callback c : all) {
            assertSame(model, c.model());
            assertEquals(Map.of("verbose", 2, "epochs", 5, "steps", 10), c.params());
        }
        History mine = new History();
        CallbackList reuse = CallbackList.forFit(List.of(mine), model, 1, 1, 0);
        assertSame(mine, reuse.history());
        assertEquals(1, reuse.callbacks().size());
    }

    @Test
    void batchLogsAreSortedAndEpochLogsSharedAndMutable() {
        List<String> seen = new ArrayList<>();
        Callback spy = LambdaCallback.builder()
                .onTrainBatchEnd((b, l) -> seen.add(String.join(",", l.keySet())))
                .onEpochEnd((e, l) -> l.put("extra", 1.0))
                .build();
        History h = new History();
        CallbackList cbs = new CallbackList(List.of(spy, h));
        cbs.onTrainBatchEnd(0, Map.of("loss", 1.0, "accuracy", 0.5, "mae", 0.1));
        assertEquals(List.of("accuracy,loss,mae"), seen);
        Map<String, Double> epochLogs = logs("loss", 1.0);
        cbs.onEpochEnd(0, epochLogs);
        assertEquals(List.of("loss", "extra"), List.copyOf(epochLogs.keySet()));
        cbs.onEpochEnd(1, Map.of("loss", 2.0)); // immutable input is copied
        assertEquals(List.of(1.0, 2.0), h.get("loss"));
        assertEquals(List.of(1.0, 1.0), h.get("extra"));
    }

    @Test
    void dispatchesEveryHookInOrder() {
        List<String> calls = new ArrayList<>();
        LambdaCallback.Builder b = LambdaCallback.builder();
        b.onTrainBegin(l -> calls.add("trainBegin")).onTrainEnd(l -> calls.add("trainEnd"))
                .onEpochBegin((i, l) -> calls.add("epochBegin" + i)).onEpochEnd((i, l) -> calls.add("epochEnd" + i))
                .onTrainBatchBegin((i, l) -> calls.add("batchBegin" + i))
                .onTrainBatchEnd((i, l) -> calls.add("batchEnd" + i))
                .onTestBegin(l -> calls.add("testBegin")).onTestEnd(l -> calls.add("testEnd"))
                .onTestBatchBegin((i, l) -> calls.add("testBatchBegin" + i))
                .onTestBatchEnd((i, l) -> calls.add("testBatchEnd" + i))
                .onPredictBegin(l -> calls.add("predictBegin")).onPredictEnd(l -> calls.add("predictEnd"))
                .onPredictBatchBegin((i, l) -> calls.add("predictBatchBegin" + i))
                .onPredictBatchEnd((i, l) -> calls.add("predictBatchEnd" + i));
        LambdaCallback first = b.build();
        LambdaCallback second = LambdaCallback.builder().onTrainBegin(l -> calls.add("second")).build();
        CallbackList cbs = new CallbackList(List.of(first, second));
        cbs.onTrainBegin(null);
        cbs.onEpochBegin(0, null);
        cbs.onTrainBatchBegin(0, null);
        cbs.onTrainBatchEnd(0, null);
        cbs.onTestBegin(null);
        cbs.onTestBatchBegin(0, null);
        cbs.onTestBatchEnd(0, null);
        cbs.onTestEnd(null);
        cbs.onEpochEnd(0, null);
        cbs.onTrainEnd(null);
        cbs.onPredictBegin(null);
        cbs.onPredictBatchBegin(1, null);
        cbs.onPredictBatchEnd(1, null);
        cbs.onPredictEnd(null);
        assertEquals(List.of("trainBegin", "second", "epochBegin0", "batchBegin0", "batchEnd0", "testBegin",
                "testBatchBegin0", "testBatchEnd0", "testEnd", "epochEnd0", "trainEnd", "predictBegin",
                "predictBatchBegin1", "predictBatchEnd1", "predictEnd"), calls);
    }

    @Test
    void historyKeepsKeyOrderAndEpochs() {
        History h = new History();
        CallbackList cbs = new CallbackList(List.of(h));
        cbs.onTrainBegin(null);
        Map<String, Double> l = new LinkedHashMap<>();
        l.put("accuracy", 0.5);
        l.put("loss", 1.0);
        l.put("val_accuracy", 0.25);
        l.put("val_loss", 2.0);
        cbs.onEpochEnd(0, l);
        cbs.onEpochEnd(1, l);
        assertEquals(List.of("accuracy", "loss", "val_accuracy", "val_loss"), List.copyOf(h.history().keySet()));
        assertEquals(List.of(0, 1), h.epochs());
        assertEquals(List.of(1.0, 1.0), h.history().get("loss"));
        assertEquals(List.of(), h.get("nothing"));
    }
}
