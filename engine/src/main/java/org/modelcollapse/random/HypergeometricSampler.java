package org.modelcollapse.random;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Hypergeometric variates (successes among {@code draws} taken without replacement from a
 * population holding {@code successes} successes) for parameters that change on every call.
 *
 * <p>Inversion from the mode: the probability at the mode comes from Loader's saddle-point
 * formula ({@link LoaderPmf}), the search walks outwards alternately down and up with the pmf's
 * ratio recurrence, so a draw costs O(standard deviation) steps and one uniform. Degenerate cases
 * (no draws, no successes, all drawn) are exact and consume nothing.
 *
 * <p>Consumes {@link UniformRandomProvider#nextDouble()}. Not thread-safe.
 */
public final class HypergeometricSampler {
    private final UniformRandomProvider rng;

    private HypergeometricSampler(UniformRandomProvider rng) {
        this.rng = rng;
    }

    /** @return a sampler drawing from {@code rng} */
    public static HypergeometricSampler of(UniformRandomProvider rng) {
        if (rng == null) {
            throw new IllegalArgumentException("rng must not be null");
        }
        return new HypergeometricSampler(rng);
    }

    /**
     * @param population N &gt;= 0
     * @param successes K in [0, N]
     * @param draws n in [0, N]
     * @return a Hypergeometric(N, K, n) variate
     */
    public long sample(long population, long successes, long draws) {
        if (population < 0 || successes < 0 || successes > population || draws < 0 || draws > population) {
            throw new IllegalArgumentException("Hypergeometric parameters out of range: population=" + population
                    + " (>= 0), successes=" + successes + " and draws=" + draws + " (both in [0, population])");
        }
        return sampleUnchecked(population, successes, draws);
    }

    /** Kernel without argument checks. */
    long sampleUnchecked(long population, long successes, long draws) {
        final long failures = population - successes;
        final long lo = Math.max(0, draws - failures);
        final long hi = Math.min(draws, successes);
        if (lo == hi) {
            return lo;
        }
        final long mode = Math.min(hi, Math.max(lo,
                (long) Math.floor((draws + 1.0) * (successes + 1.0) / (population + 2.0))));
        final double fMode = LoaderPmf.hypergeometric(mode, population, successes, draws);
        while (true) {
            double u = rng.nextDouble() - fMode;
            if (u < 0) {
                return mode;
            }
            long down = mode;
            long up = mode;
            double fDown = fMode;
            double fUp = fMode;
            while (down > lo || up < hi) {
                if (up < hi) {
                    // f(x + 1) / f(x) = (K - x)(n - x) / ((x + 1)(N - K - n + x + 1))
                    fUp *= (double) (successes - up) * (draws - up) / ((double) (up + 1) * (failures - draws + up + 1));
                    up++;
                    u -= fUp;
                    if (u < 0) {
                        return up;
                    }
                }
                if (down > lo) {
                    fDown *= (double) down * (failures - draws + down) / ((double) (successes - down + 1) * (draws - down + 1));
                    down--;
                    u -= fDown;
                    if (u < 0) {
                        return down;
                    }
                }
            }
            // The whole support was visited with mass left over (rounding, ~1e-15): draw again.
        }
    }
}
