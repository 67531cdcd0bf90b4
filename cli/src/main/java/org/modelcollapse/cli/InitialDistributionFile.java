package org.modelcollapse.cli;

import java.nio.file.Path;
import java.util.Arrays;
import org.modelcollapse.discrete.InitialDistribution;

/**
 * Reads p_0 from a text file: numbers separated by commas, spaces or new lines ('#' starts a
 * comment, a first row that is not numbers is a header). All integers: counts, q = counts / total
 * (a file of 0s and 1s too; probabilities that are all integers would be one 1 and zeros, the same
 * q). Otherwise probabilities summing to 1 within {@value InitialDistribution#SUM_TOLERANCE}, renormalised.
 */
final class InitialDistributionFile {
    private InitialDistributionFile() {}

    /**
     * @param q the distribution
     * @param counts true if the file was read as counts, false as probabilities
     * @param header the first row, skipped as a header, or null
     */
    record Read(InitialDistribution q, boolean counts, String header) {}

    static Read read(Path file) {
        final NumberListFile.Rows rows = NumberListFile.read("--init-file", file);
        final double[] values = rows.rows().stream().flatMapToDouble(Arrays::stream).toArray();
        boolean integral = true;
        for (double v : values) {
            if (!(v >= 0)) {
                throw new BadInputException("--init-file " + file + ": " + v + " is negative; counts and probabilities are >= 0");
            }
            integral &= v == Math.rint(v) && v < 0x1p62;
        }
        try {
            if (integral) {
                return new Read(InitialDistribution.ofCounts(Arrays.stream(values).mapToLong(v -> (long) v).toArray()), true, rows.header());
            }
            return new Read(InitialDistribution.ofProbabilities(values), false, rows.header());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--init-file " + file + ": " + e.getMessage()
                    + (integral ? "" : " (a file of integers is read as counts; these are not all integers, so they are probabilities)"));
        }
    }
}
