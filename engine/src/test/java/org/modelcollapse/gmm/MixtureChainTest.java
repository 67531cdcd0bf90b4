package org.modelcollapse.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.UserPoints;
import org.modelcollapse.random.ReplicateStreams;

class MixtureChainTest {
    private static final long SEED = 0x6d6d_2026L;

    /** Generation 0 is the original; generation 1's L2 distance to the first fit is 0, its distance to the original positive. */
    @Test
    void generationZeroIsTheOriginalAndOneIsTheFirstFit() {
        final MixtureChain chain = MixtureChain.create(MixtureSpec.paper().withSamples(SampleSizeSchedule.constant(200)),
                ReplicateStreams.of(SEED + 1).next());
        final java.util.List<String> names = chain.metricNames();
        double[] x = chain.metrics();
        assertEquals(0, x[names.indexOf("l2_to_original")], 1e-15);
        assertTrue(Double.isNaN(x[names.indexOf("l2_to_first")]), "no first fit at generation 0");
        assertEquals(0, x[names.indexOf("em_iterations")]);
        chain.step();
        x = chain.metrics();
        assertEquals(0, x[names.indexOf("l2_to_first")], 1e-15);
        assertTrue(x[names.indexOf("l2_to_original")] > 0, "the first fit differs from N(0, I)");
        assertTrue(x[names.indexOf("em_iterations")] >= 1);
        assertEquals(1, x[names.indexOf("weight_1")] + x[names.indexOf("weight_2")], 1e-12);
    }

    /**
     * With the user's points, generation 0 is the EM fit to D_0 (its L2 to p_0 and to the first fit 0, EM iterations
     * recorded), generation 1 the same model, and the held-out NLL is that of the data's held-out points.
     */
    @Test
    void userDataAreFittedAtGenerationZero() {
        final java.util.SplittableRandom random = new java.util.SplittableRandom(SEED);
        final double[] training = new double[2 * 300];
        for (int i = 0; i < training.length; i++) {
            training[i] = random.nextGaussian() + (i % 4 == 0 ? 4 : 0);
        }
        final double[] heldOut = {0.5, -0.5, 4, 0, 1, 1};
        final MixtureSpec spec = MixtureSpec.paper().withSamples(SampleSizeSchedule.constant(300))
                .withData(new UserPoints(2, training, heldOut));
        final MixtureChain chain = MixtureChain.create(spec, ReplicateStreams.of(SEED + 3).next());
        final java.util.List<String> names = chain.metricNames();
        final double[] zero = chain.metrics().clone();
        assertEquals(0, zero[names.indexOf("l2_to_original")], 0);
        assertEquals(0, zero[names.indexOf("l2_to_first")], 0);
        assertTrue(zero[names.indexOf("em_iterations")] >= 1, "generation 0 is an EM fit");
        assertEquals(3, spec.heldOut());
        chain.step();
        assertEquals(java.util.Arrays.toString(zero), java.util.Arrays.toString(chain.metrics()), "generation 1 is generation 0's model");
        chain.step();
        assertTrue(chain.metrics()[names.indexOf("l2_to_original")] > 0, "generation 2 is fitted to points drawn from generation 1");
    }

    @Test
    void rejectsBadSpecifications() {
        final MixtureSpec ok = MixtureSpec.paper();
        assertThrows(IllegalArgumentException.class, () -> ok.withComponents(0));
        assertThrows(IllegalArgumentException.class, () -> ok.withSamples(SampleSizeSchedule.constant(1)), "M < k");
        assertThrows(IllegalArgumentException.class, () -> ok.withOriginal(new double[] {-0.5, 1.5}, new double[4], new double[] {1, 0, 0, 1, 1, 0, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> ok.withOriginal(new double[] {1}, new double[2], new double[] {1, 2, 2, 1}), "not SPD");
        assertThrows(IllegalArgumentException.class, () -> ok.withOriginal(new double[] {1}, new double[2], new double[] {1, 0.5, 0, 1}), "asymmetric");
        assertThrows(IllegalArgumentException.class, () -> new MixtureSpec(2, 2, new double[] {1}, new double[2], new double[] {1, 0, 0, 1},
                CovarianceType.FULL, Initialisation.KMEANS, 0, 100, 1e-6, SampleSizeSchedule.constant(10), Regime.replace(), 10), "tol 0");
    }

    /**
     * step() and metrics() allocate nothing after warm-up, measured in a JVM of its own ({@link AllocationProbe}): the
     * median over 21 rounds of 200 generations is 0 bytes. A per-step allocation (an object is >= 16 B) would make every
     * round allocate; a round may allocate once when the JIT compiler recompiles after a branch first taken late in a run
     * (a component's count first 0, a component dying), running a kernel interpreted meanwhile, whose vectors are boxed.
     */
    @Test
    void stepAllocatesNothing() throws Exception {
        final String[] rounds = org.modelcollapse.FreshJvm.run(AllocationProbe.class).out().strip().split("\\s+");
        final long[] bytes = java.util.Arrays.stream(rounds).mapToLong(Long::parseLong).sorted().toArray();
        assertEquals(21, bytes.length);
        assertEquals(0, bytes[10], "median bytes per 200 steps; all rounds: " + String.join(" ", rounds));
    }

    /** The measurement of {@link #stepAllocatesNothing}: prints the bytes allocated in each of 21 rounds of 200 steps, after 8 s and 20 rounds of warm-up. */
    static final class AllocationProbe {
        public static void main(String[] args) {
            final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            final MixtureChain chain = MixtureChain.create(MixtureSpec.paper().withSamples(SampleSizeSchedule.constant(100)),
                    ReplicateStreams.of(SEED + 2).next());
            final StringBuilder out = new StringBuilder();
            // Warm up for longer than a kernel warm-up may take (WarmUp gives up after 5 s), so that the switch from the
            // scalar twins to the Vector API kernels, and the recompilation it brings, come before the measured rounds.
            final long warm = System.nanoTime();
            while (System.nanoTime() - warm < 8_000_000_000L) {
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
