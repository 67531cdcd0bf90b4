package org.modelcollapse.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.modelcollapse.StatAssert;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;
import org.modelcollapse.random.ReplicateStreams;
import org.junit.jupiter.api.Test;

/**
 * The regression chain against SPEC §6 R1–R4 in both modes, and the modes against each other where no
 * closed form exists (mix, ridge). Each check is |mean - expected| &lt;= StatAssert.Z SE (false-alarm rate
 * 1e-6 per check), the SE from the replicates.
 */
class RegressionChainTest {
    private static final long SEED = 20241022L;
    private static final int EXCESS = RegressionMetric.EXCESS_RISK.index();
    private static final int DISTANCE = RegressionMetric.SQ_DISTANCE.index();

    /** @return per checkpoint generation (1-based list {@code at}), the metric of every replicate */
    private static double[][] run(RegressionSpec spec, int reps, long seed, int metric, int... at) {
        final ReplicateStreams streams = ReplicateStreams.of(seed);
        final double[][] values = new double[at.length][reps];
        final RegressionChain chain = RegressionChain.create(spec, streams.next());
        for (int r = 0; r < reps; r++) {
            if (r > 0) {
                chain.reset(streams.next());
            }
            int k = 0;
            for (int g = 1; g <= at[at.length - 1]; g++) {
                chain.step();
                if (g == at[k]) {
                    values[k++][r] = chain.metrics()[metric];
                }
            }
        }
        return values;
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
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1) / x.length);
    }

    private static void expectMean(String what, long seed, double[] x, double expected) {
        StatAssert.withinZ(what, seed, mean(x), expected, se(x));
    }

    /** B = sigma^2 d / (T - d - 1). */
    private static double firstError(double sigma2, int d, int t) {
        return sigma2 * d / (t - d - 1);
    }

    /** R1: E ||w_t - w*||^2_Sigma = t B, fixed or fresh design, exact or samples, with a correlated Sigma_x. */
    @Test
    void replaceAddsTheFirstFitsErrorEveryGeneration() {
        final double[] sigmaX = {2, 0.6, 0, 0.6, 1, -0.3, 0, -0.3, 0.5};
        final double b = firstError(2, 3, 12);
        for (Design design : Design.values()) {
            for (SamplingMode mode : new SamplingMode[] {SamplingMode.EXACT, SamplingMode.SAMPLES}) {
                final RegressionSpec spec = new RegressionSpec(3, design, 2, 0, false, null, sigmaX, SampleSizeSchedule.constant(12),
                        Regime.replace(), mode, 0);
                final long seed = SEED + design.ordinal() * 2 + mode.ordinal();
                final double[][] e = run(spec, 4000, seed, EXCESS, 1, 3, 6);
                final int[] t = {1, 3, 6};
                for (int k = 0; k < t.length; k++) {
                    expectMean("R1 " + design.label() + " " + mode.label() + " t=" + t[k], seed, e[k], t[k] * b);
                }
            }
        }
    }

    /** The Euclidean error with Sigma_x != I: E ||w_t - w*||^2 = t sigma^2 tr(Sigma_x^-1) / (T - d - 1). */
    @Test
    void euclideanErrorFollowsTheInverseCovariance() {
        final double[] sigmaX = {4, 0, 0, 1};
        final RegressionSpec spec = new RegressionSpec(2, Design.FRESH, 1, 0, false, null, sigmaX, SampleSizeSchedule.constant(10),
                Regime.replace(), SamplingMode.EXACT, 0);
        final double[][] e = run(spec, 20000, SEED + 10, DISTANCE, 4);
        expectMean("Euclidean error t=4", SEED + 10, e[0], 4 * (0.25 + 1) / (10 - 2 - 1));
    }

    /** R2: accumulate with a fixed design, E ||w_t - w*||^2 = B sum_{i<=t} 1/i^2, in both modes. */
    @Test
    void accumulateWithAFixedDesignIsBoundedByPiSquaredOverSix() {
        final double b = firstError(1, 4, 15);
        for (SamplingMode mode : new SamplingMode[] {SamplingMode.EXACT, SamplingMode.SAMPLES}) {
            final long seed = SEED + 20 + mode.ordinal();
            final RegressionSpec spec = RegressionSpec.standard(4, 15, Design.FIXED, 1, Regime.accumulate(), mode);
            final int[] t = {1, 2, 8};
            final double[][] e = run(spec, 4000, seed, EXCESS, t);
            for (int k = 0; k < t.length; k++) {
                double sum = 0;
                for (int i = 1; i <= t[k]; i++) {
                    sum += 1.0 / ((double) i * i);
                }
                expectMean("R2 " + mode.label() + " t=" + t[k], seed, e[k], b * sum);
            }
        }
    }

    /** R3: accumulate with fresh designs stays below B sum 1/i^2 (one-sided, Z SE of slack). */
    @Test
    void accumulateWithFreshDesignsStaysBelowTheFixedDesignsError() {
        final double b = firstError(1, 4, 15);
        final RegressionSpec spec = RegressionSpec.standard(4, 15, Design.FRESH, 1, Regime.accumulate(), SamplingMode.EXACT);
        final double[][] e = run(spec, 8000, SEED + 30, EXCESS, 10);
        double sum = 0;
        for (int i = 1; i <= 10; i++) {
            sum += 1.0 / ((double) i * i);
        }
        assertTrue(mean(e[0]) <= b * sum + StatAssert.Z * se(e[0]), "R3: mean " + mean(e[0]) + " above B sum 1/i^2 = " + b * sum
                + " + Z se (seed " + (SEED + 30) + ")");
    }

    /** R4: minimum-norm refits of T &lt; d noise-free fresh rows, E ||w_n - w*||^2 / ||w*||^2 = 1 - (T/d)^n. */
    @Test
    void minimumNormRefitsForgetTheWeightsGeometrically() {
        final RegressionSpec spec = new RegressionSpec(8, Design.FRESH, 0, 0, true, null, RegressionSpec.identity(8),
                SampleSizeSchedule.constant(3), Regime.replace(), SamplingMode.SAMPLES, 0);
        final int[] t = {1, 2, 5};
        final ReplicateStreams streams = ReplicateStreams.of(SEED + 40);
        final int reps = 20000;
        final double[][] ratio = new double[t.length][reps];
        final double[] w = new double[8];
        final RegressionChain chain = RegressionChain.create(spec, streams.next());
        for (int r = 0; r < reps; r++) {
            if (r > 0) {
                chain.reset(streams.next());
            }
            chain.readTrueWeights(w);
            double norm = 0;
            for (double v : w) {
                norm += v * v;
            }
            int k = 0;
            for (int g = 1; g <= t[t.length - 1]; g++) {
                chain.step();
                if (g == t[k]) {
                    ratio[k++][r] = chain.metrics()[DISTANCE] / norm;
                }
            }
        }
        for (int k = 0; k < t.length; k++) {
            expectMean("R4 n=" + t[k], SEED + 40, ratio[k], 1 - Math.pow(3.0 / 8, t[k]));
        }
    }

    /** The held-out test MSE estimates the excess risk plus sigma^2. */
    @Test
    void testErrorIsExcessRiskPlusNoise() {
        final RegressionSpec spec = RegressionSpec.standard(3, 20, Design.FIXED, 0.5, Regime.replace(), SamplingMode.EXACT).withTestPoints(50);
        final double[][] mse = run(spec, 8000, SEED + 50, RegressionMetric.TEST_MSE.index(), 3);
        expectMean("test MSE t=3", SEED + 50, mse[0], 3 * firstError(0.5, 3, 20) + 0.5);
    }

    /** Where no closed form is checked (mix, ridge), exact and samples mode agree: two-sample z on the excess risk. */
    @Test
    void exactAndSamplesAgreeOnMixAndRidge() {
        final RegressionSpec[] specs = {
            RegressionSpec.standard(3, 11, Design.FIXED, 1, Regime.mix(0.6, 0, 0.4), SamplingMode.AUTO),
            RegressionSpec.standard(3, 11, Design.FRESH, 1, Regime.mix(0.6, 0, 0.4), SamplingMode.AUTO),
            new RegressionSpec(3, Design.FIXED, 1, 4, false, null, RegressionSpec.identity(3), SampleSizeSchedule.constant(8),
                    Regime.accumulate(), SamplingMode.AUTO, 0),
            new RegressionSpec(3, Design.FRESH, 1, 4, false, null, RegressionSpec.identity(3), SampleSizeSchedule.constant(8),
                    Regime.replace(), SamplingMode.AUTO, 0),
        };
        for (int s = 0; s < specs.length; s++) {
            final long seed = SEED + 60 + s;
            final double[] exact = run(specs[s].withMode(SamplingMode.EXACT), 6000, seed, EXCESS, 6)[0];
            final double[] samples = run(specs[s].withMode(SamplingMode.SAMPLES), 6000, seed + 100, EXCESS, 6)[0];
            StatAssert.withinZ("exact = samples, " + specs[s], seed, mean(exact) - mean(samples), 0, Math.hypot(se(exact), se(samples)));
        }
    }

    /** Accumulate-subsample needs rows: auto resolves to samples, exact is refused. */
    @Test
    void rowRegimesResolveToSamples() {
        assertEquals(SamplingMode.SAMPLES, RegressionSpec.standard(2, 10, Design.FIXED, 1, Regime.accumulateSubsample(), SamplingMode.AUTO)
                .resolvedMode());
        assertEquals(SamplingMode.EXACT, RegressionSpec.standard(2, 10, Design.FIXED, 1, Regime.accumulate(), SamplingMode.AUTO).resolvedMode());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RegressionSpec.standard(2, 10, Design.FIXED, 1, Regime.mix(0.5, 0.5, 0), SamplingMode.EXACT));
    }

    /**
     * step() and metrics() allocate nothing after warm-up, in both modes and the pool's regime, measured in a JVM of its
     * own ({@link AllocationProbe}): the median over 21 rounds is 0 bytes.
     */
    @Test
    void stepAllocatesNothing() throws Exception {
        final String[] rounds = org.modelcollapse.FreshJvm.run(AllocationProbe.class).out().strip().split("\\s+");
        final long[] bytes = java.util.Arrays.stream(rounds).mapToLong(Long::parseLong).sorted().toArray();
        assertEquals(21, bytes.length);
        assertEquals(0, bytes[10], "median bytes per round; all rounds: " + String.join(" ", rounds));
    }

    /** Prints the bytes allocated in each of 21 rounds (200 generations of three chains), after 3 s of warm-up. */
    static final class AllocationProbe {
        public static void main(String[] args) {
            final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            final ReplicateStreams streams = ReplicateStreams.of(SEED + 3);
            final RegressionChain[] chains = {
                RegressionChain.create(RegressionSpec.standard(10, 100, Design.FRESH, 1, Regime.replace(), SamplingMode.EXACT)
                        .withTestPoints(20), streams.next()),
                RegressionChain.create(RegressionSpec.standard(10, 100, Design.FIXED, 1, Regime.mix(0.5, 0.2, 0.3), SamplingMode.SAMPLES),
                        streams.next()),
                RegressionChain.create(RegressionSpec.standard(10, 100, Design.FIXED, 1, Regime.replace(), SamplingMode.SAMPLES), streams.next()),
            };
            final StringBuilder out = new StringBuilder();
            final long warm = System.nanoTime();
            while (System.nanoTime() - warm < 3_000_000_000L) {
                for (RegressionChain chain : chains) {
                    chain.step();
                    chain.metrics();
                }
            }
            for (int round = 0; round < 41; round++) {
                final long start = threads.getCurrentThreadAllocatedBytes();
                for (int g = 0; g < 200; g++) {
                    for (RegressionChain chain : chains) {
                        chain.step();
                        chain.metrics();
                    }
                }
                if (round >= 20) {
                    out.append(threads.getCurrentThreadAllocatedBytes() - start).append(' ');
                }
            }
            System.out.println(out.toString().strip());
        }
    }
}
