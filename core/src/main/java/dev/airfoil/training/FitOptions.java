package dev.airfoil.training;

import dev.airfoil.callbacks.Callback;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arguments of {@code model.fit(...)} with Keras's names and defaults: batch size 32, 1 epoch,
 * verbose "auto" (a live progress bar on a terminal, one line per epoch otherwise), shuffle on,
 * no validation.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.builder().epochs(5).batchSize(32).validationSplit(0.1).build());
 * }</pre>
 */
public final class FitOptions {
    final int batchSize;
    final int epochs;
    final Integer verbose;
    final List<Callback> callbacks;
    final double validationSplit;
    final Object validationX;
    final Object validationY;
    final Tensor validationSampleWeight;
    final boolean shuffle;
    final Map<Integer, Double> classWeight;
    final Tensor sampleWeight;
    final int initialEpoch;
    final Integer stepsPerEpoch;
    final int validationFreq;
    final Integer validationBatchSize;
    final Long seed;

    private FitOptions(Builder b) {
        this.batchSize = b.batchSize;
        this.epochs = b.epochs;
        this.verbose = b.verbose;
        this.callbacks = List.copyOf(b.callbacks);
        this.validationSplit = b.validationSplit;
        this.validationX = b.validationX;
        this.validationY = b.validationY;
        this.validationSampleWeight = b.validationSampleWeight;
        this.shuffle = b.shuffle;
        this.classWeight = b.classWeight;
        this.sampleWeight = b.sampleWeight;
        this.initialEpoch = b.initialEpoch;
        this.stepsPerEpoch = b.stepsPerEpoch;
        this.validationFreq = b.validationFreq;
        this.validationBatchSize = b.validationBatchSize;
        this.seed = b.seed;
    }

    /** A builder with Keras's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: batch 32, 1 epoch. */
    public static FitOptions defaults() {
        return builder().build();
    }

    /** Builder of {@link FitOptions}. */
    public static final class Builder {
        private int batchSize = 32;
        private int epochs = 1;
        private Integer verbose;
        private final List<Callback> callbacks = new ArrayList<>();
        private double validationSplit;
        private Object validationX;
        private Object validationY;
        private Tensor validationSampleWeight;
        private boolean shuffle = true;
        private Map<Integer, Double> classWeight;
        private Tensor sampleWeight;
        private int initialEpoch;
        private Integer stepsPerEpoch;
        private int validationFreq = 1;
        private Integer validationBatchSize;
        private Long seed;

        /** Samples per gradient update (default 32). */
        public Builder batchSize(int n) {
            this.batchSize = n;
            return this;
        }

        /**
         * The epoch to stop after (default 1); with {@link #initialEpoch} the run covers the difference
         * (none when {@code epochs <= initialEpoch}: fit then returns an empty History, as Keras does).
         */
        public Builder epochs(int n) {
            this.epochs = n;
            return this;
        }

        /** 0 silent, 1 progress bar, 2 one line per epoch; unset means "auto". */
        public Builder verbose(int v) {
            this.verbose = v;
            return this;
        }

        /** Callbacks to call during training. */
        public Builder callbacks(Callback... cs) {
            this.callbacks.addAll(List.of(cs));
            return this;
        }

        /** Callbacks to call during training. */
        public Builder callbacks(List<? extends Callback> cs) {
            this.callbacks.addAll(cs);
            return this;
        }

        /** The fraction of the data, taken from the end before shuffling, to validate on. */
        public Builder validationSplit(double f) {
            this.validationSplit = f;
            return this;
        }

        /** Explicit validation data (tensors, arrays, lists or maps like x and y). */
        public Builder validationData(Object x, Object y) {
            this.validationX = x;
            this.validationY = y;
            return this;
        }

        /** Explicit validation data with sample weights. */
        public Builder validationData(Object x, Object y, Tensor sampleWeight) {
            this.validationX = x;
            this.validationY = y;
            this.validationSampleWeight = sampleWeight;
            return this;
        }

        /** Whether to shuffle the training data before each epoch (default true). */
        public Builder shuffle(boolean s) {
            this.shuffle = s;
            return this;
        }

        /**
         * Weights per class index, applied to each sample's loss; a class without an entry weighs 1
         * (not together with sample weights, as in Keras).
         */
        public Builder classWeight(Map<Integer, Double> w) {
            this.classWeight = w;
            return this;
        }

        /** A weight per training sample (not together with {@link #classWeight}, as in Keras). */
        public Builder sampleWeight(Tensor w) {
            this.sampleWeight = w;
            return this;
        }

        /** The epoch to start from (for resuming). */
        public Builder initialEpoch(int e) {
            this.initialEpoch = e;
            return this;
        }

        /** Batches per epoch (default: the whole data set). */
        public Builder stepsPerEpoch(int s) {
            this.stepsPerEpoch = s;
            return this;
        }

        /**
         * Validate after every epoch whose 1-based index is a multiple of {@code f} (default 1), as
         * Keras counts it: from epoch 1, not from {@code initialEpoch}.
         */
        public Builder validationFreq(int f) {
            if (f < 1) {
                throw new IllegalArgumentException("fit: validation_freq must be a positive integer (validate every "
                        + "N epochs), got " + f + "; use 1 to validate after every epoch");
            }
            this.validationFreq = f;
            return this;
        }

        /** Batch size for validation (default: the training batch size). */
        public Builder validationBatchSize(int b) {
            this.validationBatchSize = b;
            return this;
        }

        /** The shuffling seed (default: the next seed of {@link dev.airfoil.utils.Seeds}). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** The options. */
        public FitOptions build() {
            return new FitOptions(this);
        }
    }
}
