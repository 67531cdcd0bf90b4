package org.modelcollapse.experiment;

/**
 * Sees every generation of every replicate as an {@link ExperimentRunner} runs it, on the worker thread
 * that runs the replicate, after the generation's metrics are read: for a family's own output of one
 * replicate (the language model's sample texts) without running that replicate a second time. It must
 * not change what the chain draws, and it is called from several threads at once, a replicate at a time
 * on each.
 */
@FunctionalInterface
public interface ReplicateObserver {
    /**
     * @param replicate the replicate's index
     * @param chain the replicate's chain at its current generation, its metrics just read
     */
    void generation(int replicate, Chain chain);
}
