package org.modelcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modelcollapse.cli.sweep.SweepStore;

class SweepCommandTest {
    private static final String SMALL = """
            family = "discrete"
            seed = 7
            replicates = 12
            [options]
            init = "uniform"
            until-absorbed = true
            mode = "exact"
            [axes]
            states = [2, 10]
            samples = { from = 10, to = 1000, count = 3, scale = "log" }
            """;

    @TempDir
    Path tmp;

    private Path file(String name, String text) throws IOException {
        final Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private CliRun sweep(Path file, Path out, String... more) {
        final List<String> args = new java.util.ArrayList<>(List.of("sweep", file.toString(), "--out", out.toString(), "--threads", "2"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void writesTidyTablesWhoseCellsAreTheFamilyCommandsRuns() throws IOException, java.sql.SQLException {
        final Path out = tmp.resolve("out");
        assertEquals(0, sweep(file("s.toml", SMALL), out).status());
        for (String t : SweepStore.TABLES) {
            assertTrue(Files.exists(out.resolve(t + ".parquet")) && Files.exists(out.resolve(t + ".csv")), t);
        }
        final List<String> cells = Files.readAllLines(out.resolve("cells.csv"));
        assertEquals(7, cells.size(), "a header and 6 cells (2 x 3 crossed)");
        assertTrue(cells.get(1).startsWith("0,2,10,"), cells.get(1));
        assertTrue(cells.get(6).startsWith("5,10,1000,"), cells.get(6));
        // Cell 4 (K = 10, M = 100) against collapse discrete with the cell's seed.
        final long seed = Long.parseLong(cells.get(5).split(",")[3]);
        final Path run = tmp.resolve("run");
        assertEquals(0, CliRun.of("discrete", "--init", "uniform", "--until-absorbed", "--mode", "exact", "--states", "10", "--samples", "100",
                "--replicates", "12", "--seed", Long.toString(seed), "--out", run.toString(), "--no-plots").status());
        final List<String> direct = Files.readAllLines(run.resolve("replicates.csv")).stream().skip(1)
                .map(l -> String.join(",", List.of(l.split(",", -1)).subList(0, 4))).toList();
        final List<String> swept = Files.readAllLines(out.resolve("replicates.csv")).stream().filter(l -> l.startsWith("4,"))
                .map(l -> String.join(",", List.of(l.split(",", -1)).subList(3, 7))).toList();
        assertEquals(direct, swept, "the sweep's cell is collapse discrete's run with the cell's seed");
        // DuckDB reads its own Parquet export back.
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*), count(DISTINCT cell) FROM read_parquet('" + out.resolve("summary.parquet") + "')")) {
            rs.next();
            assertEquals(Files.readAllLines(out.resolve("summary.csv")).size() - 1, rs.getLong(1));
            assertEquals(6, rs.getLong(2));
        }
    }

    @Test
    void aCellsResultsDoNotDependOnTheOtherCells() throws IOException {
        final Path a = tmp.resolve("a");
        final Path b = tmp.resolve("b");
        assertEquals(0, sweep(file("a.toml", SMALL), a).status());
        assertEquals(0, sweep(file("b.toml", SMALL.replace("states = [2, 10]", "states = [10, 3]")), b).status());
        final List<String> inA = Files.readAllLines(a.resolve("summary.csv")).stream().filter(l -> l.matches("[345],10,.*"))
                .map(l -> l.substring(l.indexOf(','))).toList();
        final List<String> inB = Files.readAllLines(b.resolve("summary.csv")).stream().filter(l -> l.matches("[012],10,.*"))
                .map(l -> l.substring(l.indexOf(','))).toList();
        assertFalse(inA.isEmpty());
        assertEquals(inA, inB, "K = 10's cells, third to fifth in one file and first to third in the other");
    }

    @Test
    void resumesByRedoingOnlyTheCellsNotStoredAsDone() throws IOException, java.sql.SQLException {
        final Path whole = tmp.resolve("whole");
        final Path cut = tmp.resolve("cut");
        final Path f = file("s.toml", SMALL);
        assertEquals(0, sweep(f, whole).status());
        assertEquals(0, sweep(f, cut).status());
        // An interrupted sweep: two cells never stored (a cell is stored in one transaction).
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + cut.resolve(SweepStore.DATABASE)); Statement s = c.createStatement()) {
            for (String t : SweepStore.TABLES) {
                s.execute("DELETE FROM " + t + " WHERE cell_key LIKE '% states=10 %'");
            }
        }
        final java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        final java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(printed, true));
        try {
            assertEquals(0, sweep(f, cut).status());
        } finally {
            System.setOut(stdout);
        }
        assertTrue(printed.toString().contains("resuming: 3 of 6 cells are done; running the other 3"), printed.toString());
        for (String t : List.of("cells", "summary", "replicates", "replicate_metrics")) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(t + ".csv")), Files.readAllBytes(cut.resolve(t + ".csv")), t + ".csv");
            assertArrayEquals(Files.readAllBytes(whole.resolve(t + ".parquet")), Files.readAllBytes(cut.resolve(t + ".parquet")), t + ".parquet");
        }
    }

    @Test
    void aDryRunListsTheCellsAndWritesNothing() throws IOException {
        final Path out = tmp.resolve("dry");
        final java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        final java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(printed, true));
        try {
            assertEquals(0, sweep(file("s.toml", SMALL), out, "--dry-run").status());
        } finally {
            System.setOut(stdout);
        }
        assertTrue(printed.toString().contains("6 cells (0 done); estimated time"), printed.toString());
        assertTrue(printed.toString().contains("cell 5 states=10 samples=1000 seed="), printed.toString());
        assertFalse(Files.exists(out));
    }

    static Stream<Object[]> badFiles() {
        return Stream.of(
                new Object[] {SMALL.replace("family = \"discrete\"", "family = \"poisson\""), "family = \"poisson\": allowed are"},
                new Object[] {SMALL.replace("seed = 7\n", ""), "seed = (missing)"},
                new Object[] {SMALL.replace("replicates = 12", "replicates = 0"), "replicates = 0: must be an integer >= 1"},
                new Object[] {"colour = 3\n" + SMALL, "colour: unknown key"},
                new Object[] {SMALL.replace("states = [2, 10]", "stats = [2, 10]"), "axes.stats: collapse discrete has no option --stats"},
                new Object[] {SMALL.replace("states = [2, 10]", "states = [2, 0]"), "cell states=0 samples=10 is refused by collapse discrete: --states 0"},
                new Object[] {SMALL.replace("states = [2, 10]", "states = [2, 2]"), "axes.states = [2,2]: holds a value twice"},
                new Object[] {SMALL.replace("states = [2, 10]", "seed = [2, 10]"), "axes.seed: set by the sweep itself"},
                new Object[] {SMALL.replace("count = 3, scale = \"log\"", "count = 3, scale = \"cubic\""), "axes.samples.scale = \"cubic\""},
                new Object[] {SMALL.replace("count = 3, scale = \"log\"", "scale = \"log\""), "a range needs count or step"},
                new Object[] {SMALL.replace("from = 10, to = 1000, count = 3", "from = 10, to = 12, count = 5"), "rounds to repeated integers"},
                new Object[] {SMALL.replace("until-absorbed = true", "until-absorbed = 3"), "options.until-absorbed = 3: --until-absorbed is a flag"},
                new Object[] {SMALL.replace("[options]", "zip = [[\"states\", \"samples\"]]\n[options]"), "zipped axes need equal lengths"},
                new Object[] {SMALL.replace("[axes]", "[axes\n"), "cannot be parsed as TOML"});
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badSweepFilesAreRefusedInOneLineBeforeAnythingRuns(String text, String named) throws IOException {
        final Path out = tmp.resolve("bad");
        final CliRun r = sweep(file("bad.toml", text), out);
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(named), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void yamlFilesAndZippedAxesWork() throws IOException {
        final Path out = tmp.resolve("yaml");
        final String yaml = """
                family: gaussian
                seed: 3
                replicates: 8
                zip: [[dim, samples]]
                options:
                  generations: 5
                axes:
                  dim: [1, 2]
                  samples: [20, 50]
                """;
        assertEquals(0, sweep(file("g.yaml", yaml), out).status());
        final List<String> cells = Files.readAllLines(out.resolve("cells.csv"));
        assertEquals(3, cells.size(), "two zipped cells: " + cells);
        assertTrue(cells.get(1).startsWith("0,1,20,") && cells.get(2).startsWith("1,2,50,"), cells.toString());
    }

    @Test
    void aFolderThatIsNotASweepsIsNeverWrittenInto() throws IOException {
        final Path out = tmp.resolve("theirs");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        final CliRun r = sweep(file("s.toml", SMALL), out);
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("holds no sweep.duckdb"), r.err());
        try (var s = Files.list(out)) {
            assertEquals(1, s.count());
        }
    }
}
