package org.modelcollapse.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.modelcollapse.experiment.Chain;
import org.modelcollapse.experiment.ReplicateObserver;
import org.modelcollapse.random.ReplicateStreams;

/**
 * A family's files of replicate 0 at chosen generations (sample texts, snapshots of points). They are taken
 * as the run goes, on the thread that runs replicate 0, so the replicate is not run twice; where the run
 * could not give them (a --metrics selection wraps the chain, or replicate 0 ended before the last chosen
 * generation), replicate 0 is run again from its own stream, to the same files. What the files draw (a
 * continuation, points) comes from a stream of their own, so the replicates' draws do not change.
 *
 * @param <C> the family's chain
 */
abstract class ReplicateZeroFiles<C extends Chain> implements ExperimentRun.ExtraFiles, ReplicateObserver {
    private final Class<C> type;
    private final int[] generations;
    /** The run's root seed. */
    private final long seed;
    private final long streamOffset;
    /** Index in {@link #generations} of the next one to record. */
    private int next;
    /** The files' own stream, started again with the first record. */
    private UniformRandomProvider rng;

    /**
     * @param generations the generations to record, ascending
     * @param seed the run's root seed
     * @param streamOffset xored with the seed for the files' own stream (independent of the replicates' streams)
     */
    ReplicateZeroFiles(Class<C> type, int[] generations, long seed, long streamOffset) {
        this.type = type;
        this.generations = generations.clone();
        this.seed = seed;
        this.streamOffset = streamOffset;
    }

    /** @return the recorded generation at {@code index} */
    final int generationAt(int index) {
        return generations[index];
    }

    @Override
    public final ReplicateObserver observer() {
        return this;
    }

    @Override
    public final void generation(int replicate, Chain chain) {
        if (replicate == 0 && next < generations.length && type.isInstance(chain) && chain.generation() == generations[next]) {
            recordNext(type.cast(chain));
        }
    }

    private void recordNext(C chain) {
        if (next == 0) {
            rng = RandomSource.L64_X128_MIX.create(seed ^ streamOffset);
        }
        record(next++, chain, rng);
    }

    @Override
    public final void write(Path dir, boolean plots) throws IOException {
        if (next < generations.length) {
            next = 0;
            final C chain = create(ReplicateStreams.of(seed).next());
            for (int g : generations) {
                while (chain.generation() < g) {
                    chain.step();
                }
                prepare(chain);
                recordNext(chain);
            }
        }
        writeFiles(dir, plots);
    }

    /** @return the family's chain at generation 0, drawing from {@code rng} (replicate 0's stream) */
    abstract C create(UniformRandomProvider rng);

    /** Brings a chain run again to the state the run's chain is in when it is observed (its metrics read, say). */
    void prepare(C chain) {}

    /**
     * @param index which of the chosen generations (0 first; the records come in order, and start again from 0 if
     *     replicate 0 is run again)
     * @param chain replicate 0 at that generation
     * @param rng the files' own stream
     */
    abstract void record(int index, C chain, UniformRandomProvider rng);

    /** Writes the recorded files into the run's staging folder. */
    abstract void writeFiles(Path dir, boolean plots) throws IOException;
}
