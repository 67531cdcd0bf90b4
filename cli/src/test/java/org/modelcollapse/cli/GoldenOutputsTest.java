package org.modelcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Outputs that a refactoring must not change: the runs listed in {@code golden/runs.txt} (both chains,
 * every regime, both modes, schedules, smoothing, the user's data), each compared byte for byte with the
 * CSV files recorded in {@code golden/NAME/}. Recording ({@code -Dgolden.record=true}) rewrites those
 * folders from the current code; do it only for a change meant to change outputs, and say so in its commit.
 */
class GoldenOutputsTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final List<String> FILES = List.of("summary.csv", "checkpoints.csv", "replicates.csv");

    @TempDir
    Path tmp;

    /** @return name and arguments of each run, with {@code @/} standing for the golden folder */
    static Stream<Object[]> runs() throws IOException {
        final List<Object[]> runs = new ArrayList<>();
        for (String line : Files.readAllLines(GOLDEN.resolve("runs.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            final String[] words = line.trim().split("\\s+");
            final String[] args = new String[words.length - 1];
            for (int i = 1; i < words.length; i++) {
                args[i - 1] = words[i].startsWith("@/") ? GOLDEN.resolve(words[i].substring(2)).toAbsolutePath().toString() : words[i];
            }
            runs.add(new Object[] {words[0], args});
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void outputsAreByteIdenticalToTheRecordedOnes(String name, String[] args) throws IOException {
        final Path out = tmp.resolve(name);
        final List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", out.toString(), "--no-plots"));
        final CliRun run = CliRun.of(all.toArray(String[]::new));
        assertEquals(0, run.status(), run.err());
        final Path expected = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.record")) {
            Files.createDirectories(expected);
            for (String file : FILES) {
                Files.copy(out.resolve(file), expected.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        for (String file : FILES) {
            assertTrue(Files.exists(expected.resolve(file)), "no recorded " + name + "/" + file + " (record with -Dgolden.record=true)");
            final List<String> want = Files.readAllLines(expected.resolve(file));
            final List<String> got = Files.readAllLines(out.resolve(file));
            for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
                assertEquals(want.get(i), got.get(i), name + "/" + file + " line " + (i + 1));
            }
            assertEquals(want.size(), got.size(), name + "/" + file + " lines");
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(expected.resolve(file)), Files.readAllBytes(out.resolve(file))),
                    name + "/" + file + " bytes (line endings)");
        }
    }
}
