package org.modelcollapse.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.modelcollapse.experiment.Chain;
import org.modelcollapse.experiment.ReplicateObserver;

/**
 * A family's files of replicate 0 at chosen generations (sample texts, snapshots of points). They are taken
 * as the run goes, on the thread that runs replicate 0, so the replicate is not run twice; where the run
 * could not give them (a --metrics selection wraps the chain, or replicate 0 ended before the last chosen
 * generation), replicate 0 is run again from its own stream, to the same files.
 *
 * @param <C> the family's chain
 */
abstract class ReplicateZeroFiles<C extends Chain> implements ExperimentRun.ExtraFiles, ReplicateObserver {
    private final Class<C> type;
    private final int[] generations;
    /** Index in {@link #generations} of the next one to record. */
    private int next;

    /** @param generations the generations to record, ascending */
    ReplicateZeroFiles(Class<C> type, int[] generations) {
        this.type = type;
        this.generations = generations.clone();
    }

    @Override
    public final ReplicateObserver observer() {
        return this;
    }

    @Override
    public final void generation(int replicate, Chain chain) {
        if (replicate == 0 && next < generations.length && type.isInstance(chain) && chain.generation() == generations[next]) {
            record(next++, type.cast(chain));
        }
    }

    @Override
    public final void write(Path dir, boolean plots) throws IOException {
        if (next < generations.length) {
            next = 0;
            final C chain = replicateZero();
            for (int g : generations) {
                while (chain.generation() < g) {
                    chain.step();
                }
                prepare(chain);
                record(next++, chain);
            }
        }
        writeFiles(dir, plots);
    }

    /** @return replicate 0's chain at generation 0, drawing from the run's stream of replicate 0 */
    abstract C replicateZero();

    /** Brings a chain run again to the state the run's chain is in when it is observed (its metrics read, say). */
    void prepare(C chain) {}

    /**
     * @param index which of the chosen generations (0 first; the records come in order, and start again from 0 if
     *     replicate 0 is run again)
     * @param chain replicate 0 at that generation
     */
    abstract void record(int index, C chain);

    /** Writes the recorded files into the run's staging folder. */
    abstract void writeFiles(Path dir, boolean plots) throws IOException;
}
