package org.modelcollapse.gaussian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.modelcollapse.StatAssert;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;
import org.modelcollapse.random.ReplicateStreams;

/**
 * The Gaussian chain's regimes, user data, rank deficiency, long runs and allocation. The closed forms of
 * SPEC §6 (N1–N7) are checked in both modes by the verify module's {@code GaussianVerification}.
 */
class GaussianChainTest {
    private static final int DISTANCE = GaussianMetric.MEAN_SQ_DISTANCE.index();
    private static final int TRACE = GaussianMetric.TRACE.index();
    private static final int LOG_DET = GaussianMetric.LOG_DET.index();
    private static final int MIN_EIGENVALUE = GaussianMetric.MIN_EIGENVALUE.index();
    private static final int MAX_EIGENVALUE = GaussianMetric.MAX_EIGENVALUE.index();
    private static final int RANK = GaussianMetric.RANK.index();

    private static final long SEED = 0x6a55L;
    private static final int R = 20_000;

    /** Running mean and standard error of one quantity over replicates. */
    private static final class Mean {
        private double sum;
        private double sumSq;
        private int n;

        void add(double x) {
            sum += x;
            sumSq += x * x;
            n++;
        }

        double mean() {
            return sum / n;
        }

        double se() {
            final double m = mean();
            return Math.sqrt((sumSq / n - m * m) / (n - 1));
        }
    }

    /** 200 points spread uniformly on a tilted rectangle far from the origin: a non-Gaussian D_0. */
    private static OriginalData uniformData() {
        final java.util.SplittableRandom random = new java.util.SplittableRandom(SEED + 8);
        final int n = 200;
        final double[] p = new double[2 * n];
        for (int i = 0; i < n; i++) {
            final double a = random.nextDouble();
            final double b = random.nextDouble();
            p[2 * i] = 1000 + 3 * a + b;
            p[2 * i + 1] = -50 + a - 2 * b;
        }
        return new OriginalData(n, 2, p);
    }

    /**
     * User data as D_0, mix regime (a model points, c resampled from the data): generation 1 is the fit to
     * the data itself (Q_1 = 0, T_1 = tr S/(n_0 - 1)); after it the recursion of the Gaussian mix holds with
     * the fresh source's moments those of a bootstrap draw, T_0' = tr S / n_0 (divisor n_0, not n_0 - 1):
     * Q_{n+1} = (a/M)^2 Q_n + (a T_n + c T_0')/M^2, T_{n+1} = [(a - 1) T_n + (c - 1) T_0' + (ac/M)(Q_n + T_n/a + T_0'/c)]/(M - 1).
     */
    @ParameterizedTest
    @EnumSource(value = SamplingMode.class, names = {"EXACT", "SAMPLES"})
    void userDataMixFollowsItsRecursion(SamplingMode mode) {
        final OriginalData data = uniformData();
        final int m = 20;
        final double a = 15;
        final double c = 5;
        final int n = 8;
        final GaussianSpec spec = GaussianSpec.standard(2, m).withData(data).withRegime(Regime.mix(0.75, 0, 0.25)).withMode(mode);
        final double[] scatter = data.scatter();
        final double traceS = scatter[0] + scatter[3];
        final GaussianChain probe = GaussianChain.create(spec, ReplicateStreams.of(SEED).next());
        final double[] metrics = new double[GaussianChain.METRICS.size()];
        probe.step();
        probe.readMetrics(metrics);
        assertEquals(0, metrics[DISTANCE], 0, "generation 1 is the fit to the data: its mean");
        assertEquals(traceS / (data.count() - 1), metrics[TRACE], 1e-9 * traceS, "generation 1: the data's covariance");
        final Mean[] observed = distanceAndTrace(spec, n, SEED + 9);
        final double fresh = traceS / data.count();
        double q = 0;
        double t = traceS / (data.count() - 1);
        for (int g = 1; g < n; g++) {
            final double nextQ = (a / m) * (a / m) * q + (a * t + c * fresh) / (m * m);
            t = ((a - 1) * t + (c - 1) * fresh + (a * c / m) * (q + t / a + fresh / c)) / (m - 1);
            q = nextQ;
        }
        StatAssert.withinZ("data mix E||mu_n - mu_0||^2 " + mode, SEED + 9, observed[0].mean(), q, observed[0].se());
        StatAssert.withinZ("data mix E tr Sigma_n " + mode, SEED + 9, observed[1].mean(), t, observed[1].se());
    }

    /** Runs R replicates for n generations from N(0, I_2); returns means and SEs of ||mu - mu_0||^2 and tr Sigma. */
    private static Mean[] distanceAndTrace(GaussianSpec spec, int n, long seed) {
        final ReplicateStreams streams = ReplicateStreams.of(seed);
        final GaussianChain chain = GaussianChain.create(spec, streams.next());
        final Mean dist = new Mean();
        final Mean trace = new Mean();
        final double[] metrics = new double[GaussianChain.METRICS.size()];
        for (int rep = 0; rep < R; rep++) {
            chain.reset(streams.next());
            for (int g = 0; g < n; g++) {
                chain.step();
            }
            chain.readMetrics(metrics);
            dist.add(metrics[DISTANCE]);
            trace.add(metrics[TRACE]);
        }
        return new Mean[] {dist, trace};
    }

    /**
     * mix with beta &gt; 0 (a model, b resampled from the previous data, c fresh; D = M - 1): generation 1 is
     * M points from p_0 (Q_1 = T_0/M, T_1 = T_0); then, the previous data's mean and scatter being the
     * current model's mean and D Sigma, Q' = ((a+b)/M)^2 Q + (a T + b D T/M + c T_0)/M^2 and
     * T' = [(a-1) T + (b-1) D T/M + (c-1) T_0 + (a+b)(1-(a+b)/M) Q + (1-a/M) T + (1-b/M) D T/M + (1-c/M) T_0] / D.
     */
    @Test
    void mixWithResamplingFollowsItsRecursion() {
        final int m = 20;
        final int n = 8;
        final double a = 10;
        final double b = 5;
        final double c = 5;
        final double dd = m - 1;
        final GaussianSpec spec = GaussianSpec.standard(2, m).withRegime(Regime.mix(0.5, 0.25, 0.25));
        assertEquals(SamplingMode.SAMPLES, spec.resolvedMode(), "auto resolves to samples when points are resampled");
        final Mean[] observed = distanceAndTrace(spec, n, SEED + 11);
        final double t0 = 2;
        double q = t0 / m;
        double t = t0;
        for (int g = 1; g < n; g++) {
            final double nextQ = ((a + b) / m) * ((a + b) / m) * q + (a * t + b * dd * t / m + c * t0) / (m * m);
            final double between = (a + b) * (1 - (a + b) / m) * q + (1 - a / m) * t + (1 - b / m) * dd * t / m + (1 - c / m) * t0;
            t = ((a - 1) * t + (b - 1) * dd * t / m + (c - 1) * t0 + between) / dd;
            q = nextQ;
        }
        StatAssert.withinZ("mix(beta>0) E||mu_n - mu_0||^2", SEED + 11, observed[0].mean(), q, observed[0].se());
        StatAssert.withinZ("mix(beta>0) E tr Sigma_n", SEED + 11, observed[1].mean(), t, observed[1].se());
    }

    /**
     * accumulate-subsample after 2 generations (M points from p_0, then M from the model join them and M
     * of the 2M are drawn without replacement): an unbiased scatter of a subsample estimates the pool's
     * with divisor 2M - 1, so T_2 = E tr S_pool / (2M - 1) with E tr S_pool = (2M - 2 + 1/2) T_0, and
     * Q_2 = T_0/M + T_0/(4M) + E tr S_pool / (2M (2M - 1)) (pool mean, plus the finite-population variance
     * of the subsample mean).
     */
    @Test
    void accumulateSubsampleAfterTwoGenerations() {
        final int m = 10;
        final GaussianSpec spec = GaussianSpec.standard(2, m).withRegime(Regime.accumulateSubsample());
        final Mean[] observed = distanceAndTrace(spec, 2, SEED + 12);
        final double t0 = 2;
        final double pool = (2 * m - 1.5) * t0;
        StatAssert.withinZ("accumulate-subsample E tr Sigma_2", SEED + 12, observed[1].mean(), pool / (2 * m - 1), observed[1].se());
        StatAssert.withinZ("accumulate-subsample E||mu_2 - mu_0||^2", SEED + 12, observed[0].mean(),
                t0 / m + t0 / (4 * m) + pool / (2.0 * m * (2 * m - 1)), observed[0].se());
    }

    /** With gamma = 1 every point is resampled from the data: from 3 points, the fitted mean lies on the lattice (k_1, k_2)/M. */
    @ParameterizedTest
    @EnumSource(value = SamplingMode.class, names = {"EXACT", "SAMPLES"})
    void freshShareIsResampledFromThePoints(SamplingMode mode) {
        final int m = 16;
        final OriginalData three = new OriginalData(3, 2, new double[] {0, 0, 1, 0, 0, 1});
        final GaussianSpec spec = GaussianSpec.standard(2, m).withData(three).withRegime(Regime.mix(0, 0, 1)).withMode(mode);
        final GaussianChain chain = GaussianChain.create(spec, ReplicateStreams.of(SEED + 10).next());
        final double[] mean = new double[2];
        for (int g = 0; g < 5; g++) {
            chain.step();
            chain.readMean(mean);
            if (g == 0) {
                assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3}, mean, 1e-15, "generation 1: the data's mean");
                continue;
            }
            for (double x : mean) {
                assertEquals(Math.rint(x * m), x * m, 1e-9, "mean " + x + " is a multiple of 1/M at generation " + chain.generation());
            }
        }
    }

    /** M - 1 < d: the estimate is singular from generation 1 on; the chain records it and nothing is NaN. */
    @ParameterizedTest
    @EnumSource(value = SamplingMode.class, names = {"EXACT", "SAMPLES"})
    void rankDeficientEstimatesContinue(SamplingMode mode) {
        final GaussianSpec spec = GaussianSpec.standard(6, 3).withMode(mode);
        final GaussianChain chain = GaussianChain.create(spec, ReplicateStreams.of(SEED + 3).next());
        final double[] metrics = new double[GaussianChain.METRICS.size()];
        for (int g = 0; g < 200; g++) {
            chain.step();
            chain.readMetrics(metrics);
            assertEquals(2, metrics[RANK], "rank min(d, M - 1) at generation " + chain.generation());
            assertEquals(Double.NEGATIVE_INFINITY, metrics[LOG_DET], "ln det of a singular covariance");
            assertTrue(metrics[MIN_EIGENVALUE] <= 1e-12 * metrics[MAX_EIGENVALUE], "smallest eigenvalue " + metrics[MIN_EIGENVALUE] + " is rounding noise of the largest " + metrics[MAX_EIGENVALUE]);
            for (int k = 0; k < metrics.length; k++) {
                assertTrue(!Double.isNaN(metrics[k]), GaussianChain.METRICS.get(k) + " is NaN at generation " + chain.generation());
            }
        }
        assertTrue(metrics[TRACE] > 0, "a rank-2 covariance keeps a positive trace: " + metrics[TRACE]);
    }

    /** Long runs at the acceptance sizes: no NaN, no throw, the trace falls (Theorem 3.1). */
    @ParameterizedTest
    @EnumSource(value = SamplingMode.class, names = {"EXACT", "SAMPLES"})
    void longRunsStayFinite(SamplingMode mode) {
        final GaussianChain chain = GaussianChain.create(GaussianSpec.standard(2, 100).withMode(mode), ReplicateStreams.of(SEED + 4).next());
        final double[] metrics = new double[GaussianChain.METRICS.size()];
        for (int g = 0; g < 2000; g++) {
            chain.step();
        }
        chain.readMetrics(metrics);
        for (int k = 0; k < metrics.length; k++) {
            assertTrue(Double.isFinite(metrics[k]), GaussianChain.METRICS.get(k) + " = " + metrics[k]);
        }
        assertEquals(2, metrics[RANK], "rank");
    }

    /**
     * Far beyond the range of doubles: d = 1, M = 2 for 10^4 generations, E ln sigma_n^2 = n (psi(1/2) + ln 2)
     * = -12704 (N2), Var = n psi'(1/2) = n pi^2 / 2; every replicate keeps rank 1, is not absorbed, and its
     * trace is the correctly rounded (here 0) value of the same model. A factor that underflowed would level
     * ln det off near -745 and look absorbed.
     */
    @ParameterizedTest
    @EnumSource(value = SamplingMode.class, names = {"EXACT", "SAMPLES"})
    void lnDetStaysExactFarBeyondTheDoubleRange(SamplingMode mode) {
        final int n = 10_000;
        final int reps = 400;
        final long seed = SEED + 20 + mode.ordinal();
        final ReplicateStreams streams = ReplicateStreams.of(seed);
        final GaussianChain chain = GaussianChain.create(GaussianSpec.standard(1, 2).withMode(mode), streams.next());
        final Mean logDet = new Mean();
        final double[] metrics = new double[GaussianChain.METRICS.size()];
        for (int r = 0; r < reps; r++) {
            chain.reset(streams.next());
            for (int g = 0; g < n; g++) {
                chain.step();
            }
            chain.readMetrics(metrics);
            assertTrue(!chain.absorbed() && metrics[RANK] == 1, "rank 1 and not absorbed after " + n + " generations (seed " + seed + ")");
            assertTrue(Double.isFinite(metrics[LOG_DET]), "ln det finite: " + metrics[LOG_DET]);
            // In one dimension trace = sigma^2 = exp(ln det): normal, subnormal or 0 with it.
            assertTrue(metrics[LOG_DET] < -708 ? metrics[TRACE] <= Double.MIN_NORMAL : Math.abs(metrics[TRACE] - Math.exp(metrics[LOG_DET])) <= 1e-9 * metrics[TRACE],
                    "trace " + metrics[TRACE] + " is exp(ln det " + metrics[LOG_DET] + ")");
            logDet.add(metrics[LOG_DET]);
        }
        final double perGeneration = org.apache.commons.numbers.gamma.Digamma.value(0.5) + Math.log(2);
        StatAssert.withinZ("E ln sigma^2 after 10^4 generations of M = 2, " + mode, seed, logDet.mean(), n * perGeneration, logDet.se());
    }

    /**
     * mix with resampling and no fresh data collapses like replace, far below the rounding step of its
     * mean (mu_0 = 3): its points are kept relative to the model's mean and power of two, so the spread
     * stays exact (rank 1, finite ln det, falling far below ln(1e-32 mu^2)) and the chain, which draws
     * from the model, is never absorbed.
     */
    @Test
    void resamplingMixKeepsItsSpreadFarBelowTheMean() {
        final long seed = SEED + 24;
        final ReplicateStreams streams = ReplicateStreams.of(seed);
        final GaussianSpec spec = GaussianSpec.standard(1, 2).withOriginal(new double[] {3}, new double[] {1}).withRegime(Regime.mix(0.5, 0.5, 0));
        final GaussianChain chain = GaussianChain.create(spec, streams.next());
        final Mean logDet = new Mean();
        final double[] metrics = new double[GaussianChain.METRICS.size()];
        for (int r = 0; r < 200; r++) {
            chain.reset(streams.next());
            for (int g = 0; g < 3000; g++) {
                chain.step();
            }
            chain.readMetrics(metrics);
            assertTrue(!chain.absorbed() && metrics[RANK] == 1 && Double.isFinite(metrics[LOG_DET]),
                    "rank " + metrics[RANK] + ", ln det " + metrics[LOG_DET] + ", absorbed " + chain.absorbed() + " (seed " + seed + ")");
            logDet.add(metrics[LOG_DET]);
        }
        assertTrue(logDet.mean() < -500, "collapsed far beyond the mean's rounding step: mean ln det " + logDet.mean());
    }

    /**
     * The block mix regime splits M points by the rule every chain uses (Regime.modelPoints): at M = 5,
     * alpha = gamma = 0.5, a = 3 model points and c = 2 fresh ones, so Q_1 = T_0 / M and
     * Q_2 = (a/M)^2 Q_1 + (a T_1 + c T_0)/M^2 with T_1 = T_0 = 2 (unbiased, d = 2): 0.544, where a split
     * of a = 2, c = 3 would give 0.464.
     */
    @Test
    void blockMixSplitsByTheSharedRule() {
        final int m = 5;
        final Regime half = Regime.mix(0.5, 0, 0.5);
        final double a = half.modelPoints(m);
        final double c = half.freshPoints(m);
        assertEquals(3, a);
        assertEquals(2, c);
        final double q1 = 2.0 / m;
        final double q2 = (a / m) * (a / m) * q1 + (a * 2 + c * 2) / (m * m);
        final long seed = SEED + 23;
        final Mean[] observed = distanceAndTrace(GaussianSpec.standard(2, m).withRegime(half).withMode(SamplingMode.EXACT), 2, seed);
        StatAssert.withinZ("mix(0.5, 0, 0.5) E||mu_2 - mu_0||^2 at M = 5", seed, observed[0].mean(), q2, observed[0].se());
    }

    /**
     * step() and readMetrics() allocate nothing after warm-up: thread-allocated bytes over 10,000 steps,
     * measured in a JVM of its own ({@link AllocationProbe}).
     */
    @ParameterizedTest
    @EnumSource(value = SamplingMode.class, names = {"EXACT", "SAMPLES"})
    void stepAllocatesNothing(SamplingMode mode) throws Exception {
        final long allocated = Long.parseLong(org.modelcollapse.FreshJvm.run(AllocationProbe.class, mode.name()).out().strip());
        // A JIT deoptimisation or recompilation may box a few vectors once (80 B each); any per-step
        // allocation (an object is >= 16 B) is >= 160,000 B over these steps.
        assertTrue(allocated <= 4_000, mode + ": " + allocated + " bytes over 10,000 steps");
    }

    /** The measurement of {@link #stepAllocatesNothing}, run in a fresh JVM: prints the bytes allocated. */
    static final class AllocationProbe {
        public static void main(String[] args) {
            final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            final GaussianChain chain = GaussianChain.create(GaussianSpec.standard(4, 50).withMode(SamplingMode.valueOf(args[0])),
                    ReplicateStreams.of(SEED + 5).next());
            final double[] metrics = new double[GaussianChain.METRICS.size()];
            // Through every phase of a long run (the trace underflows to 0 from about generation 40,000),
            // then until C2 has compiled what a phase change deoptimised (the interpreter boxes vectors):
            // five clean rounds, bounded so that a real allocation still fails.
            for (int g = 0; g < 100_000; g++) {
                chain.step();
                chain.readMetrics(metrics);
            }
            int clean = 0;
            for (int round = 0; round < 200 && clean < 5; round++) {
                final long start = threads.getCurrentThreadAllocatedBytes();
                for (int g = 0; g < 1_000; g++) {
                    chain.step();
                    chain.readMetrics(metrics);
                }
                clean = threads.getCurrentThreadAllocatedBytes() == start ? clean + 1 : 0;
            }
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int g = 0; g < 10_000; g++) {
                chain.step();
                chain.readMetrics(metrics);
            }
            System.out.println(threads.getCurrentThreadAllocatedBytes() - before);
        }
    }

    @Test
    void rejectsBadSpecifications() {
        assertThrows(IllegalArgumentException.class, () -> GaussianSpec.standard(0, 10));
        assertThrows(IllegalArgumentException.class, () -> GaussianSpec.standard(2, 1));
        final GaussianSpec ok = GaussianSpec.standard(2, 10);
        assertThrows(IllegalArgumentException.class, () -> ok.withOriginal(new double[] {0, 0}, new double[] {1, 0.5, 0.4, 1}));
        assertThrows(IllegalArgumentException.class, () -> ok.withOriginal(new double[] {0, 0}, new double[] {1, 2, 2, 1}));
        assertThrows(IllegalArgumentException.class, () -> ok.withOriginal(new double[] {0, Double.NaN}, new double[] {1, 0, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> new GaussianSpec(2, new double[2], new double[] {1, 0, 0, 1},
                SampleSizeSchedule.constant(1), Regime.replace(), Estimator.UNBIASED, SamplingMode.AUTO, null));
        assertThrows(IllegalArgumentException.class, () -> ok.withMode(SamplingMode.EXACT).withRegime(Regime.mix(0.5, 0.2, 0.3)));
        assertThrows(IllegalArgumentException.class, () -> ok.withMode(SamplingMode.EXACT).withRegime(Regime.accumulateSubsample()));
    }
}
