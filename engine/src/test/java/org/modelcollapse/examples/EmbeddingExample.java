package org.modelcollapse.examples;

import org.modelcollapse.discrete.DiscreteChain;
import org.modelcollapse.discrete.DiscreteSpec;
import org.modelcollapse.discrete.InitialDistribution;
import org.modelcollapse.random.ReplicateStreams;

/** The README's embedding example: drive one chain a generation at a time from your own loop. */
public final class EmbeddingExample {
    public static void main(String[] args) {
        ReplicateStreams streams = ReplicateStreams.of(42);           // one root seed
        DiscreteSpec spec = DiscreteSpec.replace(InitialDistribution.zipf(1000, 1.1), 1000);
        DiscreteChain chain = DiscreteChain.create(spec, streams.next()); // replicate 0's stream
        double[] metrics = new double[chain.metricNames().size()];
        int entropy = chain.metricNames().indexOf("entropy");
        while (chain.generation() < 200 && !chain.absorbed()) {
            chain.step();                                             // allocation-free
            chain.readMetrics(metrics);
            if (chain.generation() % 50 == 0) {
                System.out.printf("generation %d: entropy %.4f%n", chain.generation(), metrics[entropy]);
            }
        }
    }
}
