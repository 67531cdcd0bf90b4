package org.modelcollapse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads rows of numbers from a text file: values separated by commas, semicolons or white space,
 * '#' starts a comment, blank lines are skipped. Errors name the option, the file and the line.
 */
final class NumberListFile {
    private NumberListFile() {}

    /** @return the non-empty rows, each as parsed */
    static List<double[]> rows(String option, Path file) {
        return rows(option, file, false);
    }

    /**
     * @param header true to skip a first row that holds no number at all (a CSV header)
     * @return the non-empty rows, each as parsed
     */
    static List<double[]> rows(String option, Path file, boolean header) {
        final List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new BadInputException(option, file, "cannot be read (" + e.getMessage() + ")");
        }
        final List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i).replaceFirst("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            if (header && rows.isEmpty() && i == firstContentLine(lines) && !line.matches(".*\\d.*")) {
                continue;
            }
            rows.add(parse(option + " " + file + " line " + (i + 1), line));
        }
        if (rows.isEmpty()) {
            throw new BadInputException(option, file, "holds no numbers");
        }
        return rows;
    }

    private static int firstContentLine(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).replaceFirst("#.*", "").trim().isEmpty()) {
                return i;
            }
        }
        return -1;
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
