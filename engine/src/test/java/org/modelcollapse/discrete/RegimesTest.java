package org.modelcollapse.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.modelcollapse.StatAssert;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;
import org.modelcollapse.random.ReplicateStreams;

/** Closed forms that pin down each regime, schedule and smoothing. */
class RegimesTest {
    private static final long SEED = 8086L;

    private static double[] meanAndSe(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return new double[] {mean, Math.sqrt(ss / (x.length - 1) / x.length)};
    }

    /** Runs {@code reps} replicates for {@code n} generations and returns p_n of state {@code j} per replicate. */
    private static double[] finalProbability(DiscreteSpec spec, int n, int j, int reps, long seed) {
        final ReplicateStreams streams = ReplicateStreams.of(seed);
        final DiscreteChain chain = DiscreteChain.create(spec, streams.next());
        final double[] p = new double[spec.initial().states()];
        final double[] out = new double[reps];
        for (int r = 0; r < reps; r++) {
            if (r > 0) {
                chain.reset(streams.next());
            }
            while (chain.generation() < n) {
                chain.step();
            }
            chain.readProbabilities(p);
            out[r] = p[j];
        }
        return out;
    }

    /** Without smoothing every regime is a martingale: E p_n,j = q_j. */
    @Test
    void everyRegimeKeepsTheMean() {
        final InitialDistribution q = InitialDistribution.zipf(6, 1.0);
        final Regime[] regimes = {Regime.replace(), Regime.mix(0.6, 0.3, 0.1), Regime.accumulate(), Regime.accumulateSubsample()};
        for (SamplingMode mode : new SamplingMode[] {SamplingMode.EXACT, SamplingMode.SAMPLES}) {
            for (Regime regime : regimes) {
                final DiscreteSpec spec = new DiscreteSpec(q, SampleSizeSchedule.constant(12), regime, 0, mode);
                // A seed that is the same in every run (a record's hashCode includes the enum's identity hash).
                final long seed = SEED + regime.toString().hashCode() + mode.ordinal();
                final double[] ms = meanAndSe(finalProbability(spec, 8, 1, 20_000, seed));
                StatAssert.withinZ("E p_8 of state 1, " + regime + ", " + mode, seed, ms[0], q.probability(1), ms[1]);
            }
        }
    }

    /** Add-k smoothing: E p_1,j = (M q_j + k) / (M + k K). */
    @Test
    void smoothingShrinksTowardsUniform() {
        final InitialDistribution q = InitialDistribution.zipf(5, 2.0);
        final int m = 10;
        final double k = 0.5;
        for (SamplingMode mode : new SamplingMode[] {SamplingMode.EXACT, SamplingMode.SAMPLES}) {
            final DiscreteSpec spec = new DiscreteSpec(q, SampleSizeSchedule.constant(m), Regime.replace(), k, mode);
            final long seed = SEED + mode.ordinal();
            final double[] ms = meanAndSe(finalProbability(spec, 1, 4, 40_000, seed));
            StatAssert.withinZ("smoothed E p_1 of state 4, " + mode, seed, ms[0], (m * q.probability(4) + k) / (m + k * 5), ms[1]);
        }
    }

    /**
     * One split of a generation's points for every chain: cumulative rounding half up, and a share of 0
     * never receives a point (alpha = gamma = 0.5, beta = 0, M = 5: 3 model, 0 resampled, 2 fresh).
     */
    @Test
    void mixSplitGivesNoPointToAZeroShare() {
        final Regime half = Regime.mix(0.5, 0, 0.5);
        assertEquals(3, half.modelPoints(5));
        assertEquals(0, half.resampledPoints(5));
        assertEquals(2, half.freshPoints(5));
        final double[] shares = {0, 0.1, 0.25, 1.0 / 3, 0.5, 0.7, 0.9, 1};
        for (double a : shares) {
            for (double b : shares) {
                final double g = 1 - a - b;
                if (g < -1e-12) {
                    continue;
                }
                final Regime r = Regime.mix(a, b, Math.max(0, g));
                for (int m : new int[] {1, 2, 3, 5, 7, 10, 99, 1000, Integer.MAX_VALUE}) {
                    final int model = r.modelPoints(m);
                    final int resampled = r.resampledPoints(m);
                    final int fresh = r.freshPoints(m);
                    final String what = r + ", M = " + m + ": " + model + " + " + resampled + " + " + fresh;
                    assertEquals(m, (long) model + resampled + fresh, what);
                    assertTrue(model >= 0 && resampled >= 0 && fresh >= 0, what);
                    assertTrue((a > 0 || model == 0) && (b > 0 || resampled == 0) && (g > 1e-12 || fresh == 0), "a share of 0 gets no point: " + what);
                }
            }
        }
    }

    /**
     * A growing schedule is used: with M_n = M + 10 n the first refit of a two-state chain has
     * E[p_1 (1 - p_1)] = q(1 - q)(1 - 1/M_0) and the second multiplies by (1 - 1/M_1).
     */
    @Test
    void scheduleSetsTheSampleSizes() {
        assertEquals(100, SampleSizeSchedule.linear(100, 10).sizeAt(0));
        assertEquals(130, SampleSizeSchedule.linear(100, 10).sizeAt(3));
        assertEquals(400, SampleSizeSchedule.power(100, 2).sizeAt(1));
        assertEquals(100, SampleSizeSchedule.constant(100).sizeAt(12345));
        final InitialDistribution q = InitialDistribution.ofProbabilities(new double[] {0.3, 0.7});
        final DiscreteSpec spec = new DiscreteSpec(q, SampleSizeSchedule.linear(5, 10), Regime.replace(), 0, SamplingMode.EXACT);
        final double[] p = finalProbability(spec, 2, 0, 40_000, SEED);
        final double[] h = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            h[i] = p[i] * (1 - p[i]);
        }
        final double[] ms = meanAndSe(h);
        StatAssert.withinZ("E p_2(1-p_2) with M_0 = 5, M_1 = 15", SEED, ms[0], 0.21 * (1 - 1 / 5.0) * (1 - 1 / 15.0), ms[1]);
    }
}
