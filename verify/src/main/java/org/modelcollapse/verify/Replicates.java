package org.modelcollapse.verify;

import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.experiment.Chain;
import org.modelcollapse.random.ReplicateStreams;

/** Runs replicates of any family's chain with streams split from one seed, handing each to an observer. */
final class Replicates {
    private Replicates() {}

    /**
     * @param chains makes a chain at generation 0 drawing from the given stream (once; later replicates reset it)
     * @param observer called once per replicate with the chain (at generation 0) and the replicate index;
     *                 it steps the chain as far as it needs
     */
    static <C extends Chain> void run(Function<UniformRandomProvider, C> chains, int replicates, long seed, ObjIntConsumer<C> observer) {
        final ReplicateStreams streams = ReplicateStreams.of(seed);
        final C chain = chains.apply(streams.next());
        for (int r = 0; r < replicates; r++) {
            if (r > 0) {
                chain.reset(streams.next());
            }
            observer.accept(chain, r);
        }
    }

    /** Mean and standard error of a sample. */
    static double[] meanAndSe(double[] x) {
        double mean = 0;
        for (int i = 0; i < x.length; i++) {
            mean += (x[i] - mean) / (i + 1);
        }
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return new double[] {mean, Math.sqrt(ss / (x.length - 1) / x.length)};
    }
}
