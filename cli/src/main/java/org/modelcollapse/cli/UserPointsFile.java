package org.modelcollapse.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.modelcollapse.process.UserPoints;

/**
 * {@code --data FILE} of the families that fit points (gmm, kde): the user's points, one per row, read and
 * checked, and split into the training points D_0 and the held-out points of the negative log-likelihood.
 */
final class UserPointsFile {
    /** Seed offset of the stream that chooses the held-out points (independent of the replicates' streams). */
    private static final long HELDOUT_STREAM = 0x4e1d_0a7a_5b1eL;

    private UserPointsFile() {}

    /** @return the file's points, checked: one row each, all of the same dimension, and --dim's if given */
    static List<double[]> read(Path file, Integer dim) {
        final NumberListFile.Rows read = NumberListFile.read("--data", file);
        final int d = read.width("--data", file, "point");
        if (dim != null && dim != d) {
            throw new BadInputException("--dim", dim, "contradicts --data " + file + ", whose points have " + d
                    + " coordinates (drop --dim: d comes from the data)");
        }
        return read.rows();
    }

    /**
     * @param option --heldout, or null for a fifth of the points (at least 1)
     * @param training the fewest training points the family needs, and why (e.g. "max(2, --components 3)")
     * @return the held-out count of n points
     */
    static int heldOutCount(int n, Integer option, int training, String why, Path file) {
        final int h = option != null ? option : Math.max(1, n / 5);
        if (n - h < training) {
            throw new BadInputException("--heldout", h, "must leave at least " + why + " of the " + n + " points of --data " + file
                    + " to train on");
        }
        return h;
    }

    /**
     * The points split: h of them, chosen by a partial Fisher–Yates shuffle with a stream of the root seed, held out in file
     * order, and the rest in file order as D_0.
     */
    static UserPoints split(List<double[]> rows, int h, long seed, Path file) {
        final int n = rows.size();
        final int d = rows.get(0).length;
        final int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        final UniformRandomProvider rng = RandomSource.L64_X128_MIX.create(seed ^ HELDOUT_STREAM);
        final boolean[] held = new boolean[n];
        for (int i = 0; i < h; i++) {
            final int j = i + rng.nextInt(n - i);
            final int t = order[i];
            order[i] = order[j];
            order[j] = t;
            held[order[i]] = true;
        }
        final double[] training = new double[(n - h) * d];
        final double[] heldOut = new double[h * d];
        int t = 0;
        int o = 0;
        for (int i = 0; i < n; i++) {
            if (held[i]) {
                System.arraycopy(rows.get(i), 0, heldOut, d * o++, d);
            } else {
                System.arraycopy(rows.get(i), 0, training, d * t++, d);
            }
        }
        try {
            return new UserPoints(d, training, heldOut);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--data " + file + ": " + e.getMessage());
        }
    }

    /** @return the run note that says how the points were split */
    static String note(UserPoints data, Path file, String generationZero) {
        return String.format(Locale.ROOT, "data: %d points in %d dimensions from %s: %d are D_0, %d (chosen at random by a stream of the "
                + "root seed) are held out; generation 0 is %s", data.trainingCount() + data.heldOutCount(), data.dim(), file,
                data.trainingCount(), data.heldOutCount(), generationZero);
    }
}
