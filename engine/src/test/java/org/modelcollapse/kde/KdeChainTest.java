package org.modelcollapse.kde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.modelcollapse.StatAssert;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.UserPoints;
import org.modelcollapse.random.ReplicateStreams;

/** The KDE chain: generation 0, the bandwidth rules, K1 and the mean walk in replace and accumulate, the sampler, absorption, allocation. */
class KdeChainTest {
    private static final long SEED = 0x6b64_6520L;
    private static final int NLL = KdeMetric.HELDOUT_NLL.ordinal();
    private static final int VARIANCE = KdeMetric.DATA_VARIANCE.ordinal();
    private static final int DISTANCE = KdeMetric.MEAN_SQ_DISTANCE.ordinal();
    private static final int BANDWIDTH = KdeMetric.BANDWIDTH.ordinal();

    /** d = 2, p_0 = N((1, -1), diag(2, 0.5)), so v0 = tr Sigma_0 / d = 1.25. */
    private static KdeSpec spec(double h, int m) {
        return KdeSpec.standard(2, h, m, 5).withOriginal(new double[] {1}, new double[] {1, -1}, new double[] {2, 0, 0, 0.5});
    }

    /** Generation 0 is p_0: its exact density's NLL, the mean of its covariance's diagonal, distance 0, no bandwidth. */
    @Test
    void generationZeroIsTheOriginal() {
        final KdeSpec spec = KdeSpec.standard(1, 0.3, 20, 7).withOriginal(new double[] {0.25, 0.75}, new double[] {-1, 2}, new double[] {1, 4});
        final KdeChain chain = KdeChain.create(spec, ReplicateStreams.of(SEED).next());
        final double[] g0 = chain.metrics().clone();
        // Var = sum w (sigma^2 + mu^2) - mean^2 = 0.25 * 2 + 0.75 * 8 - 1.25^2.
        assertEquals(0.25 * 2 + 0.75 * 8 - 1.25 * 1.25, g0[VARIANCE], 1e-14);
        assertEquals(0, g0[DISTANCE], 0);
        assertTrue(Double.isNaN(g0[BANDWIDTH]));
        assertTrue(Double.isFinite(g0[NLL]) && g0[NLL] > 0, "NLL " + g0[NLL]);
        chain.step();
        assertEquals(0.3, chain.metrics()[BANDWIDTH], 0);
        assertEquals(1, chain.generation());
    }

    /**
     * With the user's points, generations 0 and 1 are the KDE on D_0: two points 0 and 2 and a held-out point at 1, h = 0.5,
     * so f(1) = N(1; 0, 0.25) = e^-2 / sqrt(2 pi 0.25), the biased variance is 1 and the distance 0.
     */
    @Test
    void userDataAreGenerationZeroAndOne() {
        final KdeSpec spec = KdeSpec.standard(1, 0.5, 4, 1).withData(new UserPoints(1, new double[] {0, 2}, new double[] {1}));
        final KdeChain chain = KdeChain.create(spec, ReplicateStreams.of(SEED).next());
        final double[] g0 = chain.metrics().clone();
        assertEquals(2 + 0.5 * Math.log(2 * Math.PI * 0.25), g0[NLL], 1e-14);
        assertEquals(1, g0[VARIANCE], 0);
        assertEquals(0, g0[DISTANCE], 0);
        assertEquals(0.5, g0[BANDWIDTH], 0);
        chain.step();
        assertEquals(java.util.Arrays.toString(g0), java.util.Arrays.toString(chain.metrics()), "generation 1 is the KDE on D_0");
    }

    /**
     * Scott's and Silverman's rules on D_0 = {(0, 0), (2, 1), (4, 5)}: unbiased variances 4 and 7, so s^2 = 5.5, n = 3, d = 2:
     * h = s 3^(-1/6) and h = s (4/12)^(1/6), scipy.stats.gaussian_kde's factors times s.
     */
    @Test
    void rulesScaleScipysFactorsBySpread() {
        final UserPoints data = new UserPoints(2, new double[] {0, 0, 2, 1, 4, 5}, new double[] {1, 1});
        final KdeSpec base = KdeSpec.standard(2, 1, 3, 1).withData(data);
        final double s = Math.sqrt(5.5);
        final double scott = KdeChain.create(base.withBandwidth(BandwidthRule.SCOTT, Double.NaN), ReplicateStreams.of(SEED).next()).bandwidth();
        final double silverman = KdeChain.create(base.withBandwidth(BandwidthRule.SILVERMAN, Double.NaN), ReplicateStreams.of(SEED).next()).bandwidth();
        assertEquals(s * Math.pow(3, -1.0 / 6), scott, 1e-15);
        assertEquals(s * Math.pow(4.0 / 12, 1.0 / 6), silverman, 1e-15);
    }

    /**
     * K1 and the mean walk in replace (docs/theory.md KDE): data_variance at generation g estimates E S_{g-1} with
     * E S_0 = (1 - 1/M) v0 and E S_{t+1} = (1 - 1/M)(E S_t + h^2); mean_sq_distance estimates Q_{g-1} with
     * Q_0 = tr Sigma_0 / M and Q_{t+1} = Q_t + d (E S_t + h^2)/M. M = 10, h = 0.5, 20000 replicates, generations 1..8.
     */
    @Test
    void replaceFollowsK1AndTheMeanWalk() {
        assertRecursion(Regime.replace(), SEED + 1);
    }

    /**
     * Accumulate: a pool of n points with biased variance S gains M draws of variance S + h^2: E[S' | S] = [n S + M (S + h^2)
     * (1 - 1/(n + M))]/(n + M), Q' = Q + d M (E S + h^2)/(n + M)^2, from n = M.
     */
    @Test
    void accumulateFollowsItsRecursion() {
        assertRecursion(Regime.accumulate(), SEED + 2);
    }

    private static void assertRecursion(Regime regime, long seed) {
        final int m = 10;
        final int d = 2;
        final double h = 0.5;
        final int generations = 8;
        final int reps = 20_000;
        final KdeSpec spec = spec(h, m).withRegime(regime);
        final double[][] variance = new double[generations + 1][reps];
        final double[][] distance = new double[generations + 1][reps];
        final KdeChain chain = KdeChain.create(spec, ReplicateStreams.of(seed).next());
        final ReplicateStreams streams = ReplicateStreams.of(seed);
        for (int r = 0; r < reps; r++) {
            chain.reset(streams.next());
            for (int g = 1; g <= generations; g++) {
                chain.step();
                variance[g][r] = chain.metrics()[VARIANCE];
                distance[g][r] = chain.metrics()[DISTANCE];
            }
        }
        double s = (1 - 1.0 / m) * 1.25;
        double q = 2.5 / m;
        double n = m;
        for (int g = 1; g <= generations; g++) {
            StatAssert.withinZ(regime.kind().label() + " data_variance at generation " + g, seed, mean(variance[g]), s, se(variance[g]));
            StatAssert.withinZ(regime.kind().label() + " mean_sq_distance at generation " + g, seed, mean(distance[g]), q, se(distance[g]));
            if (regime.kind() == Regime.Kind.REPLACE) {
                q += d * (s + h * h) / m;
                s = (1 - 1.0 / m) * (s + h * h);
            } else {
                q += d * m * (s + h * h) / ((n + m) * (n + m));
                s = (n * s + m * (s + h * h) * (1 - 1 / (n + m))) / (n + m);
                n += m;
            }
        }
    }

    /**
     * Each coordinate of 200000 draws of a KDE against its exact CDF (1/n) sum_j Phi((x - c_j)/h), Kolmogorov–Smirnov at
     * StatAssert's level; centres close for their bandwidth, so that an h off by 5% moves the CDF by about 0.01, beyond the
     * test's critical distance 0.006 (it fails so).
     */
    @Test
    void drawsFollowTheKdesMixture() {
        final double[] centres = {-0.3, 0, 0.1, 0.5};
        final double h = 0.7;
        final KdePoints data = new KdePoints(2);
        data.reserve(centres.length);
        for (int j = 0; j < centres.length; j++) {
            data.rows[2 * j] = centres[j];
            data.rows[2 * j + 1] = -centres[j];
        }
        data.count = centres.length;
        final KernelDensity model = new KernelDensity();
        model.set(data, centres.length, h);
        final KdeSampler sampler = new KdeSampler(2);
        sampler.reset(ReplicateStreams.of(SEED + 3).next());
        final KdePoints out = new KdePoints(2);
        sampler.draw(model, 200_000, out);
        final NormalDistribution phi = NormalDistribution.of(0, 1);
        for (int coordinate = 0; coordinate < 2; coordinate++) {
            final double[] x = new double[out.count];
            for (int i = 0; i < out.count; i++) {
                x[i] = out.rows[2 * i + coordinate];
            }
            final double sign = coordinate == 0 ? 1 : -1;
            StatAssert.ksFits("KDE draws, coordinate " + coordinate, SEED + 3, x, v -> {
                double f = 0;
                for (double c : centres) {
                    f += phi.cumulativeProbability((v - sign * c) / h);
                }
                return f / centres.length;
            });
        }
    }

    /** Pure resampling (mix with beta = 1) of 3 points is Wright–Fisher on them: every replicate absorbs, and then stays put. */
    @Test
    void pureResamplingAbsorbs() {
        final KdeSpec spec = spec(0.5, 3).withRegime(Regime.mix(0, 1, 0));
        assertTrue(KdeChain.canAbsorb(spec));
        assertTrue(!KdeChain.canAbsorb(spec(0.5, 3)), "a fixed h > 0 spreads a point out again");
        final KdeChain chain = KdeChain.create(spec, ReplicateStreams.of(SEED + 4).next());
        for (int g = 0; g < 200 && !chain.absorbed(); g++) {
            chain.step();
        }
        assertTrue(chain.absorbed(), "absorbed within 200 generations");
        // One point repeated: the two-pass variance is 0 up to the mean's rounding, (eps |x|)^2.
        assertEquals(0, chain.metrics()[VARIANCE], 1e-28);
    }

    /** mix and accumulate-subsample run, with both rules, and give finite metrics. */
    @Test
    void everyRegimeAndRuleRuns() {
        for (Regime regime : new Regime[] {Regime.mix(0.5, 0.25, 0.25), Regime.accumulateSubsample()}) {
            for (BandwidthRule rule : BandwidthRule.values()) {
                final KdeSpec spec = spec(0.3, 30).withRegime(regime).withBandwidth(rule, rule == BandwidthRule.FIXED ? 0.3 : Double.NaN)
                        .withSamples(SampleSizeSchedule.linear(30, 2));
                final KdeChain chain = KdeChain.create(spec, ReplicateStreams.of(SEED + 5).next());
                for (int g = 0; g < 20; g++) {
                    chain.step();
                    for (double v : chain.metrics()) {
                        assertTrue(Double.isFinite(v), regime + " " + rule + " generation " + chain.generation() + ": " + v);
                    }
                }
            }
        }
    }

    @Test
    void badSpecsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> KdeSpec.standard(2, 0, 10, 5));
        assertThrows(IllegalArgumentException.class, () -> KdeSpec.standard(2, Double.NaN, 10, 5));
        assertThrows(IllegalArgumentException.class, () -> KdeSpec.standard(2, Double.POSITIVE_INFINITY, 10, 5));
        assertThrows(IllegalArgumentException.class, () -> KdeSpec.standard(2, 0.1, 10, 5).withBandwidth(BandwidthRule.SCOTT, 0.1));
        assertThrows(IllegalArgumentException.class, () -> KdeSpec.standard(2, 0.1, 1, 5).withBandwidth(BandwidthRule.SCOTT, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> KdeSpec.standard(2, 0.1, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> KdeSpec.standard(0, 0.1, 10, 5));
        assertThrows(IllegalArgumentException.class, () -> spec(0.1, 10).withOriginal(new double[] {0.5}, new double[] {0, 0}, new double[] {1, 0, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> spec(0.1, 10).withOriginal(new double[] {1}, new double[] {0, 0}, new double[] {1, 2, 2, 1}));
        assertThrows(IllegalArgumentException.class, () -> spec(0.1, 10).withOriginal(new double[] {1}, new double[] {0, 0}, new double[] {1, 0, 1, 1}));
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double se(double[] x) {
        final double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (x.length - 1) / x.length);
    }

    /**
     * step() and metrics() allocate nothing after warm-up, measured in a JVM of its own ({@link AllocationProbe}): the median over
     * 21 rounds of 200 generations is 0 bytes (a per-step allocation would make every round allocate).
     */
    @Test
    void stepAllocatesNothing() throws Exception {
        final String[] rounds = org.modelcollapse.FreshJvm.run(AllocationProbe.class).out().strip().split("\\s+");
        final long[] bytes = java.util.Arrays.stream(rounds).mapToLong(Long::parseLong).sorted().toArray();
        assertEquals(21, bytes.length);
        assertEquals(0, bytes[10], "median bytes per 200 steps; all rounds: " + String.join(" ", rounds));
    }

    /** The measurement of {@link #stepAllocatesNothing}: the bytes allocated in each of 21 rounds of 200 steps, after 4 s of warm-up. */
    static final class AllocationProbe {
        public static void main(String[] args) {
            final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            final KdeChain chain = KdeChain.create(spec(0.3, 200).withBandwidth(BandwidthRule.SCOTT, Double.NaN).withRegime(
                    Regime.mix(0.8, 0.1, 0.1)), ReplicateStreams.of(SEED + 6).next());
            final StringBuilder out = new StringBuilder();
            final long warm = System.nanoTime();
            while (System.nanoTime() - warm < 4_000_000_000L) {
                chain.step();
                chain.metrics();
            }
            for (int round = 0; round < 41; round++) {
                final long start = threads.getCurrentThreadAllocatedBytes();
                for (int g = 0; g < 200; g++) {
                    chain.step();
                    chain.metrics();
                }
                if (round >= 20) {
                    out.append(threads.getCurrentThreadAllocatedBytes() - start).append(' ');
                }
            }
            System.out.println(out.toString().strip());
        }
    }
}
