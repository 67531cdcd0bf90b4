package org.modelcollapse.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * Log-spaced generations at which quantiles over replicates are reported: 0, 1, 2, 5, 10, 20, 50,
 * ... (the 1-2-5 series) up to the last generation, which is always included.
 */
public final class Checkpoints {
    private Checkpoints() {}

    /** @return the checkpoint generations for a run of at most {@code last} generations, ascending */
    public static int[] upTo(int last) {
        final List<Integer> gs = new ArrayList<>();
        gs.add(0);
        for (long decade = 1; decade <= last; decade *= 10) {
            for (int f : new int[] {1, 2, 5}) {
                if (decade * f < last) {
                    gs.add((int) (decade * f));
                }
            }
        }
        if (last > 0) {
            gs.add(last);
        }
        return gs.stream().mapToInt(Integer::intValue).toArray();
    }
}
