package org.modelcollapse.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads rows of numbers from a text file (UTF-8): values separated by commas, semicolons or white
 * space, '#' starts a comment, blank lines are skipped, and a first row none of whose values is a
 * number is a header (a CSV's column names, "x1,x2" as well as "x,y"; a first row with a typo among
 * numbers, "1,2,abc", is an error with its line). Errors name the option, the file and the line.
 */
final class NumberListFile {
    private NumberListFile() {}

    /**
     * The rows of a file.
     *
     * @param rows the rows of numbers
     * @param header the first row, skipped as a header, or null
     */
    record Rows(List<double[]> rows, String header) {
        /**
         * @param item what a row is, for the message ("point", "component")
         * @return the length every row has
         * @throws BadInputException naming the option, the file and the first row of another length than the first
         */
        int width(String option, Path file, String item) {
            final int width = rows.get(0).length;
            for (int i = 1; i < rows.size(); i++) {
                if (rows.get(i).length != width) {
                    throw new BadInputException(option + " " + file + ": " + item + " " + (i + 1) + " has " + rows.get(i).length
                            + " numbers, the first has " + width);
                }
            }
            return width;
        }
    }

    /** @return the non-empty rows, each as parsed, and the header row if the first row was one */
    static Rows read(String option, Path file) {
        final List<String> lines = TextFiles.lines(option, file);
        final List<double[]> rows = new ArrayList<>();
        String header = null;
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i).replaceFirst("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            if (rows.isEmpty() && header == null && noneParses(line)) {
                header = line;
                continue;
            }
            rows.add(parse(option + " " + file + " line " + (i + 1), line));
        }
        if (rows.isEmpty()) {
            throw new BadInputException(option, file, "holds no numbers");
        }
        return new Rows(rows, header);
    }

    private static boolean noneParses(String line) {
        for (String token : line.split("[,;\\s]+")) {
            try {
                Double.parseDouble(token);
                return false;
            } catch (NumberFormatException e) {
                // a name, as a header holds
            }
        }
        return true;
    }

    /** @return the finite numbers of a comma- or space-separated list */
    static double[] parse(String where, String text) {
        final String[] tokens = text.trim().split("[,;\\s]+");
        final double[] values = new double[tokens.length];
        for (int k = 0; k < tokens.length; k++) {
            try {
                values[k] = Double.parseDouble(tokens[k]);
            } catch (NumberFormatException e) {
                throw new BadInputException(where + ": '" + tokens[k] + "' is not a number");
            }
            if (!Double.isFinite(values[k])) {
                throw new BadInputException(where + ": " + tokens[k] + " is not finite");
            }
        }
        return values;
    }
}
