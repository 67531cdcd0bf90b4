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
}
