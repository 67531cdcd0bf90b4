package org.modelcollapse.experiment;

import java.util.Objects;

/**
 * How many replicates to run, for how long, on how many threads, from which root seed. Made by name:
 * <pre>{@code
 * ExperimentSettings s = ExperimentSettings.builder().seed(42).replicates(1000).generations(200).threads(2).build();
 * }</pre>
 * Immutable; every value is checked when it is set.
 */
public final class ExperimentSettings {
    /** The most replicates in a block: the unit of work and of deterministic merging. */
    public static final int MAX_BLOCK = 32;
    /** Blocks a run is cut into at least, while blocks can shrink: enough for every core of a large machine. */
    static final int TARGET_BLOCKS = 64;

    private final int replicates;
    private final int generations;
    private final boolean untilAbsorbed;
    private final int threads;
    private final long seed;

    private ExperimentSettings(Builder b) {
        this.replicates = b.replicates;
        this.generations = b.generations;
        this.untilAbsorbed = b.untilAbsorbed;
        this.threads = b.threads;
        this.seed = b.seed;
    }

    /** @return a builder with 100 replicates, 100 generations, not until absorbed, one thread per core, seed 0 */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings, to change some of them */
    public Builder toBuilder() {
        return new Builder().replicates(replicates).generations(generations).untilAbsorbed(untilAbsorbed).threads(threads).seed(seed);
    }

    /**
     * Replicates per block: ceil(R / {@value #TARGET_BLOCKS}), between 1 and {@value #MAX_BLOCK}, so that
     * a run of few replicates still has a block for every core (and progress to report), while a
     * large one merges few blocks. A function of R alone, so that the blocks, and with them every
     * result, do not depend on the thread count.
     *
     * @return the block size of a run of these settings
     */
    public int blockSize() {
        return blockSize(replicates);
    }

    /** @return {@link #blockSize()} for R replicates */
    static int blockSize(int replicates) {
        return Math.max(1, Math.min(MAX_BLOCK, (replicates + TARGET_BLOCKS - 1) / TARGET_BLOCKS));
    }

    /** @return R &gt;= 1 */
    public int replicates() {
        return replicates;
    }

    /** @return generations to run, or the cap when {@link #untilAbsorbed()} */
    public int generations() {
        return generations;
    }

    /** @return true to run each replicate until it is absorbed (at most {@link #generations()}) */
    public boolean untilAbsorbed() {
        return untilAbsorbed;
    }

    /** @return worker threads &gt;= 1; results do not depend on it */
    public int threads() {
        return threads;
    }

    /** @return the root seed of every random number of the run */
    public long seed() {
        return seed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExperimentSettings s && replicates == s.replicates && generations == s.generations
                && untilAbsorbed == s.untilAbsorbed && threads == s.threads && seed == s.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(replicates, generations, untilAbsorbed, threads, seed);
    }

    @Override
    public String toString() {
        return "ExperimentSettings[replicates=" + replicates + ", generations=" + generations + ", untilAbsorbed=" + untilAbsorbed
                + ", threads=" + threads + ", seed=" + seed + "]";
    }

    /** Sets the values by name; each setter checks its value. */
    public static final class Builder {
        private int replicates = 100;
        private int generations = 100;
        private boolean untilAbsorbed;
        private int threads = Runtime.getRuntime().availableProcessors();
        private long seed;

        private Builder() {}

        /** @param r replicates, &gt;= 1 */
        public Builder replicates(int r) {
            if (r < 1) {
                throw new IllegalArgumentException("replicates must be >= 1: " + r);
            }
            replicates = r;
            return this;
        }

        /** @param g generations to run (the cap when until absorbed), &gt;= 0 */
        public Builder generations(int g) {
            if (g < 0) {
                throw new IllegalArgumentException("generations must be >= 0: " + g);
            }
            generations = g;
            return this;
        }

        /** @param until run each replicate until it is absorbed, at most {@link #generations} */
        public Builder untilAbsorbed(boolean until) {
            untilAbsorbed = until;
            return this;
        }

        /** @param t worker threads, &gt;= 1 */
        public Builder threads(int t) {
            if (t < 1) {
                throw new IllegalArgumentException("threads must be >= 1: " + t);
            }
            threads = t;
            return this;
        }

        /** @param s the root seed */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        /** @return the settings */
        public ExperimentSettings build() {
            return new ExperimentSettings(this);
        }
    }
}
