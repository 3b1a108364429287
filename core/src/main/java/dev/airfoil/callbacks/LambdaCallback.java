package dev.airfoil.callbacks;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A callback made of functions ({@code keras.callbacks.LambdaCallback}); hooks left unset do
 * nothing.
 *
 * <pre>{@code
 * Callback printer = LambdaCallback.builder()
 *         .onEpochEnd((epoch, logs) -> System.out.println(epoch + " " + logs.get("loss")))
 *         .onTrainEnd(logs -> System.out.println("done"))
 *         .build();
 * }</pre>
 */
public class LambdaCallback extends Callback {
    /** A hook taking an epoch or batch index and the logs. */
    @FunctionalInterface
    public interface IndexedHook {
        /** Called with the 0-based epoch or batch index and the logs. */
        void accept(int index, Map<String, Double> logs);
    }

    private final IndexedHook onEpochBegin;
    private final IndexedHook onEpochEnd;
    private final Consumer<Map<String, Double>> onTrainBegin;
    private final Consumer<Map<String, Double>> onTrainEnd;
    private final IndexedHook onTrainBatchBegin;
    private final IndexedHook onTrainBatchEnd;
    private final Consumer<Map<String, Double>> onTestBegin;
    private final Consumer<Map<String, Double>> onTestEnd;
    private final IndexedHook onTestBatchBegin;
    private final IndexedHook onTestBatchEnd;
    private final Consumer<Map<String, Double>> onPredictBegin;
    private final Consumer<Map<String, Double>> onPredictEnd;
    private final IndexedHook onPredictBatchBegin;
    private final IndexedHook onPredictBatchEnd;

    private LambdaCallback(Builder b) {
        onEpochBegin = b.onEpochBegin;
        onEpochEnd = b.onEpochEnd;
        onTrainBegin = b.onTrainBegin;
        onTrainEnd = b.onTrainEnd;
        onTrainBatchBegin = b.onTrainBatchBegin;
        onTrainBatchEnd = b.onTrainBatchEnd;
        onTestBegin = b.onTestBegin;
        onTestEnd = b.onTestEnd;
        onTestBatchBegin = b.onTestBatchBegin;
        onTestBatchEnd = b.onTestBatchEnd;
        onPredictBegin = b.onPredictBegin;
        onPredictEnd = b.onPredictEnd;
        onPredictBatchBegin = b.onPredictBatchBegin;
        onPredictBatchEnd = b.onPredictBatchEnd;
    }

    /** A builder with no hooks set. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        if (onEpochBegin != null) {
            onEpochBegin.accept(epoch, logs);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (onEpochEnd != null) {
            onEpochEnd.accept(epoch, logs);
        }
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        if (onTrainBegin != null) {
            onTrainBegin.accept(logs);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (onTrainEnd != null) {
            onTrainEnd.accept(logs);
        }
    }

    @Override
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
        if (onTrainBatchBegin != null) {
            onTrainBatchBegin.accept(batch, logs);
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (onTrainBatchEnd != null) {
            onTrainBatchEnd.accept(batch, logs);
        }
    }

    @Override
    public void onTestBegin(Map<String, Double> logs) {
        if (onTestBegin != null) {
            onTestBegin.accept(logs);
        }
    }

    @Override
    public void onTestEnd(Map<String, Double> logs) {
        if (onTestEnd != null) {
            onTestEnd.accept(logs);
        }
    }

    @Override
    public void onTestBatchBegin(int batch, Map<String, Double> logs) {
        if (onTestBatchBegin != null) {
            onTestBatchBegin.accept(batch, logs);
        }
    }

    @Override
    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
        if (onTestBatchEnd != null) {
            onTestBatchEnd.accept(batch, logs);
        }
    }

    @Override
    public void onPredictBegin(Map<String, Double> logs) {
        if (onPredictBegin != null) {
            onPredictBegin.accept(logs);
        }
    }

    @Override
    public void onPredictEnd(Map<String, Double> logs) {
        if (onPredictEnd != null) {
            onPredictEnd.accept(logs);
        }
    }

    @Override
    public void onPredictBatchBegin(int batch, Map<String, Double> logs) {
        if (onPredictBatchBegin != null) {
            onPredictBatchBegin.accept(batch, logs);
        }
    }

    @Override
    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
        if (onPredictBatchEnd != null) {
            onPredictBatchEnd.accept(batch, logs);
        }
    }

    /** Sets the hooks of a {@link LambdaCallback}; each method names the hook it sets. */
    public static final class Builder {
        private IndexedHook onEpochBegin;
        private IndexedHook onEpochEnd;
        private Consumer<Map<String, Double>> onTrainBegin;
        private Consumer<Map<String, Double>> onTrainEnd;
        private IndexedHook onTrainBatchBegin;
        private IndexedHook onTrainBatchEnd;
        private Consumer<Map<String, Double>> onTestBegin;
        private Consumer<Map<String, Double>> onTestEnd;
        private IndexedHook onTestBatchBegin;
        private IndexedHook onTestBatchEnd;
        private Consumer<Map<String, Double>> onPredictBegin;
        private Consumer<Map<String, Double>> onPredictEnd;
        private IndexedHook onPredictBatchBegin;
        private IndexedHook onPredictBatchEnd;

        private Builder() {
        }

        /** At the start of every epoch. */
        public Builder onEpochBegin(IndexedHook f) {
            onEpochBegin = f;
            return this;
        }

        /** At the end of every epoch. */
        public Builder onEpochEnd(IndexedHook f) {
            onEpochEnd = f;
            return this;
        }

        /** At the start of training. */
        public Builder onTrainBegin(Consumer<Map<String, Double>> f) {
            onTrainBegin = f;
            return this;
        }

        /** At the end of training. */
        public Builder onTrainEnd(Consumer<Map<String, Double>> f) {
            onTrainEnd = f;
            return this;
        }

        /** Before every training batch. */
        public Builder onTrainBatchBegin(IndexedHook f) {
            onTrainBatchBegin = f;
            return this;
        }

        /** After every training batch. */
        public Builder onTrainBatchEnd(IndexedHook f) {
            onTrainBatchEnd = f;
            return this;
        }

        /** At the start of evaluation. */
        public Builder onTestBegin(Consumer<Map<String, Double>> f) {
            onTestBegin = f;
            return this;
        }

        /** At the end of evaluation. */
        public Builder onTestEnd(Consumer<Map<String, Double>> f) {
            onTestEnd = f;
            return this;
        }

        /** Before every evaluation batch. */
        public Builder onTestBatchBegin(IndexedHook f) {
            onTestBatchBegin = f;
            return this;
        }

        /** After every evaluation batch. */
        public Builder onTestBatchEnd(IndexedHook f) {
            onTestBatchEnd = f;
            return this;
        }

        /** At the start of prediction. */
        public Builder onPredictBegin(Consumer<Map<String, Double>> f) {
            onPredictBegin = f;
            return this;
        }

        /** At the end of prediction. */
        public Builder onPredictEnd(Consumer<Map<String, Double>> f) {
            onPredictEnd = f;
            return this;
        }

        /** Before every prediction batch. */
        public Builder onPredictBatchBegin(IndexedHook f) {
            onPredictBatchBegin = f;
            return this;
        }

        /** After every prediction batch. */
        public Builder onPredictBatchEnd(IndexedHook f) {
            onPredictBatchEnd = f;
            return this;
        }

        /** The callback. */
        public LambdaCallback build() {
            return new LambdaCallback(this);
        }
    }
}
