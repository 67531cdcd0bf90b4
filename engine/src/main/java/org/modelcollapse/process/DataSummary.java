package org.modelcollapse.process;

/**
 * A generation's data as a model family keeps it: counts per category, sufficient statistics, or the
 * points themselves, whichever the family's fit and the regime need. The regimes only empty it and
 * hand it to the family's draws, which add points to it.
 */
public interface DataSummary {
    /** Removes every point, keeping the buffers. */
    void clear();
}
