package org.modelcollapse.random;

import org.apache.commons.rng.SplittableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The random streams of an experiment: one root L64X128Mix generator seeded from the root seed,
 * and replicate r's stream is the r-th {@code split()} of the root (Commons RNG 1.7; LXM splits
 * are statistically independent, Steele &amp; Vigna 2021). Handing out streams in replicate order
 * makes every replicate's randomness independent of threads and scheduling.
 */
public final class ReplicateStreams {
    private final long seed;
    private final SplittableUniformRandomProvider root;

    private ReplicateStreams(long seed) {
        this.seed = seed;
        this.root = (SplittableUniformRandomProvider) RandomSource.L64_X128_MIX.create(seed);
    }

    /** @return the streams derived from {@code seed} */
    public static ReplicateStreams of(long seed) {
        return new ReplicateStreams(seed);
    }

    /** @return a fresh root seed from the system's entropy source, for runs given no seed */
    public static long randomSeed() {
        return RandomSource.createLong();
    }

    /** @return the stream of the next replicate, in order: 0, 1, 2, ... Not thread-safe. */
    public SplittableUniformRandomProvider next() {
        return root.split();
    }

    /** @return the root seed */
    public long seed() {
        return seed;
    }
}
