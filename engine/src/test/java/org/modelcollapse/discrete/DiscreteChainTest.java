package org.modelcollapse.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.modelcollapse.StatAssert;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;

class DiscreteChainTest {
    private static final long SEED = 5150L;

    /**
     * A generation step allocates nothing once warm: thread-allocated bytes over 10,000 steps, measured in
     * a JVM of its own ({@link AllocationProbe}), so that other tests' profiles do not shape the JIT's code.
     */
    @ParameterizedTest
    @EnumSource(SamplingMode.class)
    void stepIsAllocationFree(SamplingMode mode) throws Exception {
        final String out = org.modelcollapse.FreshJvm.run(AllocationProbe.class, mode.name()).out();
        for (String line : out.strip().lines().toList()) {
            final String[] parts = line.split("\t");
            // Any per-step allocation (>= 16 B, an object header) would total >= 160,000 B. The bound
            // leaves room only for a JIT deoptimisation running a vector kernel once in the interpreter,
            // which boxes one vector (80 B).
            assertTrue(Long.parseLong(parts[1]) <= 1_000, "bytes allocated by 10,000 steps, mode " + mode + ", " + parts[0] + ": " + parts[1]);
        }
    }

    /** The measurement of {@link #stepIsAllocationFree}, in a fresh JVM: prints "spec TAB bytes" per chain. */
    static final class AllocationProbe {
        public static void main(String[] args) {
            final SamplingMode mode = SamplingMode.valueOf(args[0]);
            // accumulate-subsample in samples mode keeps one label per pooled point: it must grow.
            final Regime[] regimes = mode == SamplingMode.SAMPLES
                    ? new Regime[] {Regime.mix(0.8, 0.1, 0.1), Regime.replace(), Regime.accumulate()}
                    : new Regime[] {Regime.mix(0.8, 0.1, 0.1), Regime.replace(), Regime.accumulate(), Regime.accumulateSubsample()};
            final java.util.List<DiscreteSpec> specs = new java.util.ArrayList<>();
            for (Regime regime : regimes) {
                specs.add(new DiscreteSpec(InitialDistribution.zipf(1000, 1.1), SampleSizeSchedule.constant(1000), regime, 0, mode));
            }
            // Few states and a small M: tabulated rows and interval counts; restarted when absorbed.
            specs.add(DiscreteSpec.replace(InitialDistribution.uniform(10), 100).withMode(mode));
            // A sampling bias (all three steps: logs, the top-k heap, the top-p sort), and curation where it may run.
            final DiscreteSpec zipf = DiscreteSpec.replace(InitialDistribution.zipf(1000, 1.1), 1000).withMode(mode);
            specs.add(zipf.withBias(new Decoding(0.8, 200, 0.9), null));
            if (mode != SamplingMode.EXACT) {
                final double[] rewards = new double[1000];
                for (int j = 0; j < rewards.length; j++) {
                    rewards[j] = Math.sin(j);
                }
                specs.add(zipf.withBias(new Decoding(1.2, 0, 1), new Curation(4, rewards)));
            }
            final java.util.List<DiscreteChain> chains = new java.util.ArrayList<>();
            for (DiscreteSpec spec : specs) {
                chains.add(DiscreteChain.create(spec, RandomSource.L64_X128_MIX.create(SEED)));
            }
            // Two passes: every chain warms up before any is measured, so that no measurement sees the
            // compiler's first work on this method (an early window measured allocations that later
            // ones, and per-step readings, did not).
            for (int pass = 0; pass < 2; pass++) {
                for (int c = 0; c < chains.size(); c++) {
                    final long allocated = measure(chains.get(c));
                    if (pass == 1) {
                        System.out.println("regime " + specs.get(c).regime() + ", K=" + specs.get(c).initial().states() + ", " + specs.get(c).decoding()
                                + (specs.get(c).curation() == null ? "" : ", " + specs.get(c).curation()) + "\t" + allocated);
                    }
                }
            }
        }

        /** @return bytes allocated by 10,000 steps after a warm-up */
        private static long measure(DiscreteChain chain) {
            final double[] metrics = new double[chain.metricNames().size()];
            final com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            // Warm-up: at least 20,000 steps, then until C2 has compiled the kernels (tiers 1-3 do
            // not intrinsify the Vector API and box vectors) and recompiled what the first steps
            // deoptimised: five clean rounds in a row, bounded so that a real allocation still fails.
            int clean = 0;
            for (int round = 0; round < 400 && (clean < 5 || round < 20); round++) {
                final long before = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 1_000; i++) {
                    stepOrRestart(chain, metrics);
                }
                clean = mx.getCurrentThreadAllocatedBytes() == before ? clean + 1 : 0;
            }
            final long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10_000; i++) {
                stepOrRestart(chain, metrics);
            }
            return mx.getCurrentThreadAllocatedBytes() - before;
        }
    }

    private static void stepOrRestart(DiscreteChain chain, double[] metrics) {
        if (chain.absorbed()) {
            chain.restart();
        }
        chain.step();
        chain.readMetrics(metrics);
    }

    /** Metrics of a hand-computed case: p = (1/2, 1/4, 1/4, 0) against uniform q over 4 states. */
    @Test
    void metricsOfAKnownCase() {
        final WeightedSupport p = new WeightedSupport(4);
        p.add(0, 2);
        p.add(1, 1);
        p.add(2, 1);
        final double[] q = {0.25, 0.25, 0.25, 0.25};
        final double[] lnQ = new double[4];
        java.util.Arrays.fill(lnQ, Math.log(0.25));
        final double[] out = new double[8];
        for (boolean integral : new boolean[] {true, false}) {
            CategoricalMetrics.measure(p, integral, q, lnQ, 4, out);
            assertEquals(3, out[CategoricalMetrics.ALIVE]);
            assertEquals(1.5 * Math.log(2), out[CategoricalMetrics.ENTROPY], 1e-15);
            assertEquals(1 - (0.25 + 0.0625 + 0.0625), out[CategoricalMetrics.HETEROZYGOSITY], 1e-15);
            assertEquals(0.5 * (0.25 + 0 + 0 + 0.25), out[CategoricalMetrics.TOTAL_VARIATION], 1e-15);
            // KL(p||q) = sum p ln(p/q) = 0.5 ln 2 + 0.25 ln 1 + 0.25 ln 1.
            assertEquals(0.5 * Math.log(2), out[CategoricalMetrics.KL], 1e-15);
            assertEquals(0.25, out[CategoricalMetrics.LOST_MASS], 1e-15);
            assertEquals(0.5, out[CategoricalMetrics.MAX_PROBABILITY], 1e-15);
        }
    }

    /** Generation 0 is q itself; a one-state distribution is absorbed at once. */
    @Test
    void generationZeroIsTheOriginal() {
        final DiscreteChain chain = DiscreteChain.create(DiscreteSpec.replace(InitialDistribution.uniform(10), 50),
                RandomSource.L64_X128_MIX.create(SEED));
        final double[] m = new double[8];
        chain.readMetrics(m);
        assertEquals(0, chain.generation());
        assertEquals(10, m[CategoricalMetrics.ALIVE]);
        assertEquals(Math.log(10), m[CategoricalMetrics.ENTROPY], 1e-14);
        assertEquals(0, m[CategoricalMetrics.TOTAL_VARIATION], 1e-15);
        final DiscreteChain one = DiscreteChain.create(DiscreteSpec.replace(InitialDistribution.uniform(1), 50),
                RandomSource.L64_X128_MIX.create(SEED));
        assertTrue(one.absorbed());
        assertEquals(0, one.absorbedAt());
        assertEquals(0, one.absorbingState());
    }

    /**
     * exact and samples produce the same distribution: two-sample z tests on the means of
     * heterozygosity, alive states and lost mass after 6 generations, in four regimes. K = 8, M = 15
     * takes the tabulated rows (exact) and interval counts (samples); K = 200, M = 1000 the
     * conditional-binomial tree and lists of labels.
     */
    @ParameterizedTest
    @CsvSource({"8, 15", "200, 1000"})
    void exactAndSamplesModesAgree(int states, int size) {
        final int reps = states > 100 ? 4_000 : 20_000;
        for (Regime regime : new Regime[] {Regime.replace(), Regime.mix(0.5, 0.3, 0.2), Regime.accumulate(),
            Regime.accumulateSubsample()}) {
            final double[][] sums = new double[2][6];
            int row = 0;
            for (SamplingMode mode : new SamplingMode[] {SamplingMode.EXACT, SamplingMode.SAMPLES}) {
                final DiscreteSpec spec = new DiscreteSpec(InitialDistribution.zipf(states, 1.0), SampleSizeSchedule.constant(size),
                        regime, 0, mode);
                // A seed that is the same in every run (a record's hashCode includes the enum's identity hash).
                final long seed = SEED + row * 7919L + regime.toString().hashCode();
                final var streams = org.modelcollapse.random.ReplicateStreams.of(seed);
                final DiscreteChain chain = DiscreteChain.create(spec, streams.next());
                final double[] m = new double[8];
                for (int r = 0; r < reps; r++) {
                    if (r > 0) {
                        chain.reset(streams.next());
                    }
                    for (int g = 0; g < 6; g++) {
                        chain.step();
                    }
                    chain.readMetrics(m);
                    final int[] idx = {CategoricalMetrics.HETEROZYGOSITY, CategoricalMetrics.ALIVE, CategoricalMetrics.LOST_MASS};
                    for (int i = 0; i < 3; i++) {
                        sums[row][2 * i] += m[idx[i]];
                        sums[row][2 * i + 1] += m[idx[i]] * m[idx[i]];
                    }
                }
                row++;
            }
            for (int i = 0; i < 3; i++) {
                final double ma = sums[0][2 * i] / reps;
                final double mb = sums[1][2 * i] / reps;
                final double va = sums[0][2 * i + 1] / reps - ma * ma;
                final double vb = sums[1][2 * i + 1] / reps - mb * mb;
                final double se = Math.sqrt((va + vb) / reps);
                StatAssert.withinZ("exact vs samples, metric " + i + ", regime " + regime + ", K=" + states + ", M=" + size,
                        SEED + regime.toString().hashCode(), ma - mb, 0, se);
            }
        }
    }

    /**
     * Accumulating regimes keep generation 1's data in every later pool: a replicate absorbs if and only
     * if those M points are one state, at generation 1, with probability sum_j q_j^M, and never later.
     * K = 2 equal states, M = 4: 1/8 of the replicates absorbed at generation 1 and none after it, in
     * 50 generations, while a chain that stopped at a one-state subsample would report nearly all.
     */
    @ParameterizedTest
    @EnumSource(value = SamplingMode.class, names = {"EXACT", "SAMPLES"})
    void accumulatingRegimesAbsorbOnlyWhenTheirFirstDataAreOneState(SamplingMode mode) {
        final int reps = 40_000;
        for (Regime regime : new Regime[] {Regime.accumulate(), Regime.accumulateSubsample()}) {
            final long seed = SEED + 17 + regime.toString().hashCode() + mode.ordinal();
            final var streams = org.modelcollapse.random.ReplicateStreams.of(seed);
            final DiscreteChain chain = DiscreteChain.create(new DiscreteSpec(InitialDistribution.uniform(2), SampleSizeSchedule.constant(4),
                    regime, 0, mode), streams.next());
            int absorbed = 0;
            for (int r = 0; r < reps; r++) {
                if (r > 0) {
                    chain.reset(streams.next());
                }
                while (chain.generation() < 50 && !chain.absorbed()) {
                    chain.step();
                }
                if (chain.absorbed()) {
                    assertEquals(1, chain.absorbedAt(), regime + ": absorbed only at generation 1 (seed " + seed + ")");
                    absorbed++;
                }
            }
            final double p = 2 * Math.pow(0.5, 4);
            StatAssert.withinZ("P(absorbed) for " + regime + ", " + mode, seed, (double) absorbed / reps, p, Math.sqrt(p * (1 - p) / reps));
        }
    }

    /** Exact mode's memory does not depend on M: a chain of M = 2^31 - 1 allocates less than a megabyte and steps. */
    @Test
    void exactModeHoldsNothingOfTheOrderOfM() {
        final com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long before = mx.getCurrentThreadAllocatedBytes();
        final DiscreteChain chain = DiscreteChain.create(new DiscreteSpec(InitialDistribution.uniform(10),
                SampleSizeSchedule.constant(Integer.MAX_VALUE), Regime.replace(), 0, SamplingMode.EXACT), RandomSource.L64_X128_MIX.create(SEED));
        final double[] m = new double[chain.metricNames().size()];
        for (int g = 0; g < 20; g++) {
            chain.step();
            chain.readMetrics(m);
        }
        final long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1 << 20, "bytes allocated by an exact chain of M = 2^31 - 1: " + allocated);
        assertEquals(10, m[CategoricalMetrics.ALIVE], "ten states of about 2^31 / 10 points each all survive 20 generations");
    }

    @Test
    void rejectsBadInitialDistributions() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> InitialDistribution.uniform(0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> InitialDistribution.ofProbabilities(new double[] {0.5, 0.6}));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> InitialDistribution.ofProbabilities(new double[] {0.5, Double.NaN}));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> InitialDistribution.ofProbabilities(new double[] {1.5, -0.5}));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Regime.mix(0.5, 0.5, 0.5));
    }
}
