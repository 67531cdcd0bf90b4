package org.modelcollapse.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.modelcollapse.discrete.DiscreteChain;
import org.modelcollapse.discrete.DiscreteSpec;
import org.modelcollapse.discrete.InitialDistribution;

class ExperimentRunnerTest {
    private static final long SEED = 31337L;

    private static ExperimentResult run(int threads, boolean untilAbsorbed) {
        final DiscreteSpec spec = DiscreteSpec.replace(InitialDistribution.uniform(6), 30);
        final ExperimentSettings settings = ExperimentSettings.builder().replicates(200).generations(untilAbsorbed ? 10_000 : 40)
                .untilAbsorbed(untilAbsorbed).threads(threads).seed(SEED).build();
        return ExperimentRunner.run(rng -> DiscreteChain.create(spec, rng), settings, ProgressListener.NONE);
    }

    /** 1, 2 and 7 threads give bit-identical statistics, quantiles and outcomes. */
    @Test
    void outputDoesNotDependOnThreads() {
        for (boolean until : new boolean[] {false, true}) {
            final ExperimentResult one = run(1, until);
            for (int threads : new int[] {2, 7}) {
                final ExperimentResult other = run(threads, until);
                assertEquals(one.lastGeneration(), other.lastGeneration());
                for (int g = 0; g <= one.lastGeneration(); g++) {
                    for (int k = 0; k < one.metricNames().size(); k++) {
                        assertEquals(Double.doubleToLongBits(one.statistics().mean(g, k)),
                                Double.doubleToLongBits(other.statistics().mean(g, k)), "mean g=" + g + " k=" + k + " threads=" + threads);
                        assertEquals(Double.doubleToLongBits(one.statistics().standardError(g, k)),
                                Double.doubleToLongBits(other.statistics().standardError(g, k)), "se g=" + g + " k=" + k);
                    }
                }
                for (int c = 0; c < one.checkpointGenerations().length; c++) {
                    for (int k = 0; k < one.metricNames().size(); k++) {
                        assertArrayEquals(one.quantiles()[c][k], other.quantiles()[c][k]);
                    }
                }
                for (int r = 0; r < 200; r++) {
                    assertEquals(one.outcomes().get(r).absorbedAt(), other.outcomes().get(r).absorbedAt());
                    assertEquals(one.outcomes().get(r).absorbingState(), other.outcomes().get(r).absorbingState());
                }
            }
        }
    }

    /**
     * Blocks shrink with R (a function of R alone): 8 replicates are 8 blocks, so two workers both
     * run replicates, progress is told after each block, and the output equals one thread's bit for bit.
     */
    @Test
    void fewReplicatesUseEveryWorker() {
        assertEquals(1, ExperimentSettings.blockSize(8));
        assertEquals(2, ExperimentSettings.blockSize(100));
        assertEquals(ExperimentSettings.MAX_BLOCK, ExperimentSettings.blockSize(100_000));
        final DiscreteSpec spec = DiscreteSpec.replace(InitialDistribution.uniform(60), 300);
        final java.util.Set<String> workers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final ChainFactory slow = rng -> {
            final Chain inner = DiscreteChain.create(spec, rng);
            return new Chain() {
                @Override public java.util.List<String> metricNames() { return inner.metricNames(); }
                @Override public void reset(org.apache.commons.rng.UniformRandomProvider r) { inner.reset(r); }
                @Override public void step() {
                    // Slow enough (25 ms a replicate) that the first worker cannot finish alone before the ramp-up ends.
                    workers.add(Thread.currentThread().getName());
                    java.util.concurrent.locks.LockSupport.parkNanos(250_000);
                    inner.step();
                }
                @Override public int generation() { return inner.generation(); }
                @Override public boolean absorbed() { return inner.absorbed(); }
                @Override public int absorbedAt() { return inner.absorbedAt(); }
                @Override public int absorbingState() { return inner.absorbingState(); }
                @Override public double[] metrics() { return inner.metrics(); }
            };
        };
        final java.util.List<Integer> told = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        final ExperimentSettings.Builder b = ExperimentSettings.builder().replicates(8).generations(100).seed(SEED);
        final ExperimentResult two = ExperimentRunner.run(slow, b.threads(2).build(), (done, total) -> told.add(done));
        assertEquals(2, workers.size(), "workers that ran replicates: " + workers);
        // Told after every block, as merged in order: a block that finishes before an earlier one repeats the count.
        assertEquals(8, told.size(), "progress after each of 8 blocks: " + told);
        for (int i = 1; i < told.size(); i++) {
            assertTrue(told.get(i) >= told.get(i - 1), "progress never goes back: " + told);
        }
        assertEquals(8, told.get(told.size() - 1));
        final ExperimentResult one = ExperimentRunner.run(slow, b.threads(1).build(), ProgressListener.NONE);
        for (int g = 0; g <= 100; g++) {
            for (int k = 0; k < one.metricNames().size(); k++) {
                assertEquals(Double.doubleToLongBits(one.statistics().mean(g, k)), Double.doubleToLongBits(two.statistics().mean(g, k)));
            }
        }
    }

    /** Every generation counts every replicate, absorbed ones included; until-absorbed ends at the last absorption. */
    @Test
    void everyGenerationCountsEveryReplicate() {
        final ExperimentResult r = run(2, true);
        int last = 0;
        for (ReplicateOutcome o : r.outcomes()) {
            last = Math.max(last, o.absorbedAt());
        }
        assertEquals(last, r.lastGeneration(), "until-absorbed stops at the last absorption");
        for (int g = 0; g <= r.lastGeneration(); g++) {
            assertEquals(200, r.statistics().count(g), "replicates at generation " + g);
        }
        final int absorbedIndex = r.metricNames().indexOf("absorbed");
        assertEquals(1.0, r.statistics().mean(r.lastGeneration(), absorbedIndex));
    }

    @Test
    void checkpointsAreLogSpaced() {
        assertArrayEquals(new int[] {0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}, Checkpoints.upTo(1000));
        assertArrayEquals(new int[] {0, 1, 2, 5, 7}, Checkpoints.upTo(7));
        assertArrayEquals(new int[] {0}, Checkpoints.upTo(0));
    }

    /**
     * A replicate that fails while the first worker runs alone (the ramp-up) ends the run with the
     * failure, on any number of threads, instead of leaving the other workers waiting.
     */
    @Test
    void failureDuringRampUpEndsTheRun() {
        final DiscreteSpec spec = DiscreteSpec.replace(InitialDistribution.uniform(6), 30);
        final ChainFactory failing = rng -> {
            final DiscreteChain inner = DiscreteChain.create(spec, rng);
            return new Chain() {
                @Override public java.util.List<String> metricNames() { return inner.metricNames(); }
                @Override public void reset(org.apache.commons.rng.UniformRandomProvider r) { inner.reset(r); }
                @Override public void step() { throw new ArithmeticException("broken step"); }
                @Override public int generation() { return inner.generation(); }
                @Override public boolean absorbed() { return inner.absorbed(); }
                @Override public int absorbedAt() { return inner.absorbedAt(); }
                @Override public int absorbingState() { return inner.absorbingState(); }
                @Override public double[] metrics() { return inner.metrics(); }
            };
        };
        for (int threads : new int[] {1, 2, 7}) {
            // A hang (a worker left waiting) fails here instead of stalling the build.
            final IllegalStateException e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> assertThrows(
                    IllegalStateException.class, () -> ExperimentRunner.run(failing,
                            ExperimentSettings.builder().replicates(1000).generations(10).threads(threads).seed(SEED).build(), ProgressListener.NONE)), "threads=" + threads);
            assertTrue(e.getMessage().contains("broken step"), e.getMessage());
        }
    }

    /**
     * Interrupting the caller cancels the run: the call ends with a CancellationException within a
     * couple of seconds, the interrupt status is set again, and no worker thread is left running.
     */
    @Test
    void interruptingTheCallerStopsTheWorkers() throws Exception {
        final DiscreteSpec spec = DiscreteSpec.replace(InitialDistribution.uniform(1000), 100_000);
        final ExperimentSettings long_ = ExperimentSettings.builder().replicates(64).generations(1_000_000).threads(2).seed(SEED).build();
        final java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        final java.util.concurrent.atomic.AtomicBoolean interruptedAfter = new java.util.concurrent.atomic.AtomicBoolean();
        final Thread caller = new Thread(() -> {
            try {
                ExperimentRunner.run(rng -> DiscreteChain.create(spec, rng), long_, ProgressListener.NONE);
            } catch (Throwable t) {
                thrown.set(t);
            }
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        }, "experiment-caller");
        caller.start();
        Thread.sleep(500);
        caller.interrupt();
        caller.join(5_000);
        assertTrue(!caller.isAlive(), "the call returned within 5 s of the interrupt");
        assertTrue(thrown.get() instanceof java.util.concurrent.CancellationException, "cancelled: " + thrown.get());
        assertTrue(interruptedAfter.get(), "the interrupt status is set again");
        Thread.sleep(100);
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("collapse-worker-") && t.isAlive()),
                "no worker runs on");
    }

    /** A factory whose chains disagree on their metrics is refused, not reported under the wrong names. */
    @Test
    void chainsWithDifferentMetricsAreRefused() {
        // Fresh data: no replicate absorbs, so the first worker is still busy when the second one starts
        // (after the ramp-up) and makes its own chain.
        final DiscreteSpec spec = new DiscreteSpec(InitialDistribution.uniform(6), org.modelcollapse.process.SampleSizeSchedule.constant(30),
                org.modelcollapse.process.Regime.mix(0.9, 0, 0.1), 0, org.modelcollapse.process.SamplingMode.AUTO);
        final java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        final ChainFactory inconsistent = rng -> {
            final DiscreteChain inner = DiscreteChain.create(spec, rng);
            final java.util.List<String> names = made.getAndIncrement() == 0 ? inner.metricNames()
                    : java.util.List.copyOf(new java.util.ArrayList<>(inner.metricNames()).reversed());
            return new Chain() {
                @Override public java.util.List<String> metricNames() { return names; }
                @Override public void reset(org.apache.commons.rng.UniformRandomProvider r) { inner.reset(r); }
                @Override public void step() { inner.step(); }
                @Override public int generation() { return inner.generation(); }
                @Override public boolean absorbed() { return inner.absorbed(); }
                @Override public int absorbedAt() { return inner.absorbedAt(); }
                @Override public int absorbingState() { return inner.absorbingState(); }
                @Override public double[] metrics() { return inner.metrics(); }
            };
        };
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> ExperimentRunner.run(inconsistent,
                ExperimentSettings.builder().replicates(4000).generations(2000).threads(3).seed(SEED).build(), ProgressListener.NONE));
        assertTrue(String.valueOf(e.getCause()).contains("different metrics"), String.valueOf(e.getCause()));
    }

    /**
     * The library prints and logs nothing of its own: a fresh JVM that loads the kernels and runs both
     * chains writes nothing to stderr but the JVM's unconditional incubator-module warning.
     */
    @Test
    void theLibraryWritesNothingToStderr() throws Exception {
        assertEquals("", org.modelcollapse.FreshJvm.run(Quiet.class).err(), "stderr of the library");
    }

    /**
     * Beyond about 170,000 replicates the band's quantiles come from t-digests fed in block order: the
     * same for 1 and 3 threads, and within 1% in rank of the exact quantiles of the same values (the
     * final generation's, which every outcome holds).
     */
    @Test
    void sketchedQuantilesAreThreadIndependentAndAccurate() {
        final DiscreteSpec spec = DiscreteSpec.replace(InitialDistribution.zipf(30, 1.0), 40);
        final ExperimentSettings.Builder b = ExperimentSettings.builder().replicates(200_000).generations(6).seed(SEED);
        assertTrue(!ReplicateQuantiles.of(200_000, 8, 6, false).exact(), "the sketched store");
        final ExperimentResult one = ExperimentRunner.run(rng -> DiscreteChain.create(spec, rng), b.threads(1).build(), ProgressListener.NONE);
        final ExperimentResult three = ExperimentRunner.run(rng -> DiscreteChain.create(spec, rng), b.threads(3).build(), ProgressListener.NONE);
        final int last = one.bandGenerations().length - 1;
        assertEquals(6, one.bandGenerations()[last]);
        for (int k = 0; k < one.metricNames().size(); k++) {
            for (int c = 0; c <= last; c++) {
                assertArrayEquals(one.bandQuantiles()[c][k], three.bandQuantiles()[c][k], "band " + c + " metric " + k);
            }
            final double[] finals = one.outcomes().stream().mapToDouble(o -> o.finalMetrics()[0]).toArray();
            java.util.Arrays.sort(finals);
            if (k == 0) {
                for (int l = 0; l < ExperimentRunner.QUANTILE_LEVELS.length; l++) {
                    final double q = one.bandQuantiles()[last][0][l];
                    // The fractions of values below and at most q bracket the level, within 1%.
                    final double below = (double) lowerBound(finals, q) / finals.length;
                    final double atMost = (double) upperBound(finals, q) / finals.length;
                    final double level = ExperimentRunner.QUANTILE_LEVELS[l];
                    assertTrue(below - 0.01 <= level && level <= atMost + 0.01, "level " + level + ": " + q + " has ranks " + below + ".." + atMost);
                }
            }
        }
    }

    private static int lowerBound(double[] sorted, double x) {
        int i = 0;
        while (i < sorted.length && sorted[i] < x) {
            i++;
        }
        return i;
    }

    private static int upperBound(double[] sorted, double x) {
        int i = 0;
        while (i < sorted.length && sorted[i] <= x) {
            i++;
        }
        return i;
    }

    /** The child JVM of {@link #theLibraryWritesNothingToStderr}. */
    static final class Quiet {
        public static void main(String[] args) {
            org.modelcollapse.simd.Kernels.startWarmUp(100);
            final var rng = org.modelcollapse.random.ReplicateStreams.of(1).next();
            DiscreteChain.create(DiscreteSpec.replace(InitialDistribution.uniform(10), 100), rng).step();
            org.modelcollapse.gaussian.GaussianChain.create(org.modelcollapse.gaussian.GaussianSpec.standard(3, 20), rng).step();
        }
    }

    /**
     * The observer sees each replicate's generations once each, in order from 0 to where the replicate ended, with the
     * metrics the runner read; on 3 threads the replicates interleave, yet each one's sequence is whole.
     */
    @Test
    void theObserverSeesEveryGenerationOfEveryReplicateOnceInOrder() {
        final DiscreteSpec spec = DiscreteSpec.replace(InitialDistribution.uniform(6), 30);
        final ExperimentSettings settings = ExperimentSettings.builder().replicates(50).generations(10_000).untilAbsorbed(true)
                .threads(3).seed(SEED).build();
        final int[] next = new int[50];
        final double[][] lastEntropy = new double[50][1];
        final int entropy = DiscreteChain.create(spec, org.apache.commons.rng.simple.RandomSource.L64_X128_MIX.create(1L))
                .metricNames().indexOf("entropy");
        final ExperimentResult result = ExperimentRunner.run(rng -> DiscreteChain.create(spec, rng), settings, ProgressListener.NONE,
                (replicate, chain) -> {
                    synchronized (next) {
                        assertEquals(next[replicate], chain.generation(), "replicate " + replicate + ", seed " + SEED);
                        next[replicate]++;
                        lastEntropy[replicate][0] = chain.metrics()[entropy];
                    }
                });
        for (int r = 0; r < 50; r++) {
            final ReplicateOutcome o = result.outcomes().get(r);
            assertEquals(o.lastGeneration() + 1, next[r], "replicate " + r + " seen to its end, seed " + SEED);
            assertEquals(o.finalMetrics()[entropy], lastEntropy[r][0], "replicate " + r + ": the metrics the runner read");
        }
        final ExperimentResult unobserved = ExperimentRunner.run(rng -> DiscreteChain.create(spec, rng), settings, ProgressListener.NONE);
        assertEquals(Double.doubleToLongBits(unobserved.statistics().mean(20, entropy)), Double.doubleToLongBits(result.statistics().mean(20, entropy)));
    }
}
