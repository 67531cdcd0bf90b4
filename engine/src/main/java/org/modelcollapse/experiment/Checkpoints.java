package org.modelcollapse.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * Log-spaced generations at which quantiles over replicates are reported: 0, 1, 2, 5, 10, 20, 50,
 * ... (the 1-2-5 series) up to the last generation, which is always included.
 */
public final class Checkpoints {
    private Checkpoints() {}

    /**
     * The generations at which a run keeps every replicate's metrics, for quantile bands that a plot
     * draws smoothly: the checkpoints, and about {@code target} more, half evenly spaced and half
     * log-spaced; a run until absorbed, which may end anywhere below its cap, takes
     * {@value #PER_DECADE} log-spaced generations per decade instead. Keeping a generation costs a
     * copy of its metrics per replicate (a K = 10 step takes ~25 ns, the copy ~4): every generation
     * below 300 kept slowed a run until absorbed by a fifth.
     *
     * @param last the run's last generation (the cap when until absorbed)
     * @param target about how many generations to keep besides the checkpoints
     * @return ascending, distinct, from 0 to {@code last}
     */
    public static int[] band(int last, boolean untilAbsorbed, int target) {
        final java.util.TreeSet<Integer> gs = new java.util.TreeSet<>();
        for (int g : upTo(last)) {
            gs.add(g);
        }
        if (last > 0) {
            final int logSpaced = untilAbsorbed ? (int) Math.ceil(PER_DECADE * Math.log10(last)) : target / 2;
            for (int i = 0; i <= logSpaced; i++) {
                gs.add((int) Math.min(last, Math.round(Math.pow(last, (double) i / logSpaced))));
            }
            if (!untilAbsorbed) {
                final int even = target - target / 2;
                for (int i = 0; i <= even; i++) {
                    gs.add((int) Math.round((double) last * i / even));
                }
            }
        }
        return gs.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Log-spaced band generations per decade of a run until absorbed. */
    static final int PER_DECADE = 20;

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
