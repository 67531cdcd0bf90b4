package org.modelcollapse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.modelcollapse.discrete.InitialDistribution;

/**
 * Reads p_0 from a text file: numbers separated by commas, spaces or new lines ('#' starts a
 * comment). All integers: counts (q = counts / total); otherwise probabilities summing to 1.
 */
final class InitialDistributionFile {
    private InitialDistributionFile() {}

    static InitialDistribution read(Path file) {
        final List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new BadInputException("--init-file", file, "cannot be read (" + e.getMessage() + ")");
        }
        final List<Double> values = new ArrayList<>();
        boolean integral = true;
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i).replaceFirst("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            for (String token : line.split("[,;\\s]+")) {
                if (token.isEmpty()) {
                    continue;
                }
                final double v;
                try {
                    v = Double.parseDouble(token);
                } catch (NumberFormatException e) {
                    throw new BadInputException("--init-file " + file + " line " + (i + 1) + ": '" + token + "' is not a number");
                }
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new BadInputException("--init-file " + file + " line " + (i + 1) + ": " + token + " is not a finite number >= 0");
                }
                integral &= v == Math.rint(v);
                values.add(v);
            }
        }
        if (values.isEmpty()) {
            throw new BadInputException("--init-file", file, "holds no numbers");
        }
        try {
            if (integral && values.stream().anyMatch(v -> v > 1)) {
                return InitialDistribution.ofCounts(values.stream().mapToLong(Double::longValue).toArray());
            }
            return InitialDistribution.ofProbabilities(values.stream().mapToDouble(Double::doubleValue).toArray());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--init-file " + file + ": " + e.getMessage());
        }
    }
}
