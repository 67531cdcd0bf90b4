package org.modelcollapse.experiment;

/** Told, from worker threads, how many replicates have finished. */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores progress. */
    ProgressListener NONE = (done, total) -> { };

    /** @param done replicates finished so far @param total replicates in the run */
    void replicatesDone(int done, int total);
}
