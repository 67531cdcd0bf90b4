package org.modelcollapse.experiment;

/**
 * How many replicates to run, for how long, on how many threads, from which root seed.
 *
 * @param replicates R &gt;= 1
 * @param generations number of generations to run, or the cap when {@code untilAbsorbed}
 * @param untilAbsorbed run each replicate until it is absorbed (at most {@code generations})
 * @param threads worker threads &gt;= 1; results do not depend on it
 * @param seed root seed of every random number of the run
 */
public record ExperimentSettings(int replicates, int generations, boolean untilAbsorbed, int threads, long seed) {
    /** Replicates per block: the unit of work and of deterministic merging. */
    public static final int BLOCK = 32;

    /** Validates the settings. */
    public ExperimentSettings {
        if (replicates < 1) {
            throw new IllegalArgumentException("replicates must be >= 1: " + replicates);
        }
        if (generations < 0) {
            throw new IllegalArgumentException("generations must be >= 0: " + generations);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
    }
}
