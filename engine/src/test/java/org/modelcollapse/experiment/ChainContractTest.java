package org.modelcollapse.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modelcollapse.discrete.DiscreteChain;
import org.modelcollapse.discrete.DiscreteSpec;
import org.modelcollapse.discrete.InitialDistribution;
import org.modelcollapse.gaussian.GaussianChain;
import org.modelcollapse.gaussian.GaussianSpec;
import org.modelcollapse.gaussian.OriginalData;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;
import org.modelcollapse.random.ReplicateStreams;

/**
 * The {@link Chain} contract, run against every chain: step() advances the generation by exactly one,
 * absorbed or not; an absorbed chain's metrics no longer change; reset returns to generation 0. Each
 * configuration reaches absorption within the run (or, for the Gaussian replace chain, runs far past
 * where its covariance leaves the range of doubles without looking absorbed).
 */
class ChainContractTest {
    private static final long SEED = 0xC0A7L;
    private static final int GENERATIONS = 3000;

    static Stream<Object[]> chains() {
        final Function<UniformRandomProvider, Chain> twoStates = rng -> DiscreteChain.create(
                DiscreteSpec.replace(InitialDistribution.uniform(2), 4), rng);
        final Function<UniformRandomProvider, Chain> subsample = rng -> DiscreteChain.create(new DiscreteSpec(InitialDistribution.uniform(2),
                SampleSizeSchedule.constant(3), Regime.accumulateSubsample(), 0, SamplingMode.EXACT), rng);
        final Function<UniformRandomProvider, Chain> gaussian = rng -> GaussianChain.create(GaussianSpec.standard(1, 2), rng);
        // Resampling the previous points alone (mix alpha = gamma = 0): a Wright-Fisher chain on 3 points, absorbing.
        final OriginalData three = new OriginalData(3, 1, new double[] {-1, 0, 2});
        final Function<UniformRandomProvider, Chain> points = rng -> GaussianChain.create(GaussianSpec.standard(1, 3).withData(three)
                .withRegime(Regime.mix(0, 1, 0)), rng);
        return Stream.of(new Object[] {"discrete replace K=2 M=4", twoStates, true}, new Object[] {"discrete accumulate-subsample K=2 M=3", subsample, false},
                new Object[] {"gaussian replace d=1 M=2", gaussian, false}, new Object[] {"gaussian resampling points", points, true});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void stepAlwaysAdvancesAndAbsorbedChainsStayPut(String name, Function<UniformRandomProvider, Chain> make, boolean absorbs) {
        final ReplicateStreams streams = ReplicateStreams.of(SEED);
        final Chain chain = make.apply(streams.next());
        // A chain whose step() stopped advancing would hang a caller's loop: bounded here.
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            int absorbedReplicates = 0;
            for (int r = 0; r < 20; r++) {
                if (r > 0) {
                    chain.reset(streams.next());
                }
                assertEquals(0, chain.generation(), name + ": reset returns to generation 0");
                double[] atAbsorption = null;
                for (int g = 1; g <= GENERATIONS; g++) {
                    chain.step();
                    assertEquals(g, chain.generation(), name + ": step() advances by one, absorbed " + chain.absorbed() + " (seed " + SEED + ")");
                    if (chain.absorbed()) {
                        assertTrue(chain.absorbedAt() >= 0 && chain.absorbedAt() <= g, name + ": absorbed at " + chain.absorbedAt());
                        if (atAbsorption == null) {
                            atAbsorption = chain.metrics().clone();
                        } else {
                            assertArrayEquals(atAbsorption, chain.metrics(), name + ": an absorbed chain's metrics stay put");
                        }
                    }
                }
                absorbedReplicates += chain.absorbed() ? 1 : 0;
            }
            if (absorbs) {
                assertTrue(absorbedReplicates > 0, name + ": some replicate absorbs within " + GENERATIONS + " generations");
            } else if (name.startsWith("gaussian")) {
                assertEquals(0, absorbedReplicates, name + ": a Gaussian of model draws never has a zero covariance");
            }
        });
    }

    /** The metric names are the chain's own; the runner reports them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void runnerReportsTheChainsMetricNames(String name, Function<UniformRandomProvider, Chain> make, boolean absorbs) {
        final ExperimentResult result = ExperimentRunner.run(make::apply,
                ExperimentSettings.builder().replicates(40).generations(5).threads(2).seed(SEED).build(), ProgressListener.NONE);
        final List<String> names = make.apply(ReplicateStreams.of(1).next()).metricNames();
        assertEquals(names, result.metricNames(), name);
        assertFalse(names.isEmpty());
    }
}
