package org.modelcollapse.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelcollapse.experiment.ProgressListener;

class SweepStoreTest {
    @TempDir
    Path tmp;

    private static Cell cell(int index, String states) {
        final Map<String, String> options = Map.of("states", states, "samples", "50", "generations", "3");
        final String key = Cell.key("discrete", 4, options);
        final long seed = Cell.seed(11, key);
        return new Cell(index, key, seed, Map.of("states", states), List.of("--states", states, "--samples", "50", "--generations", "3",
                "--replicates", "4", "--seed", Long.toString(seed)));
    }

    @Test
    void aFailedCellIsARowWithItsMessageAndIsRunAgainOnResume() throws IOException {
        final ProgressListener quiet = (done, total) -> {};
        final CellResult failed = CellResult.run("discrete", cell(0, "0"), 1, false, quiet);
        assertNotNull(failed.error());
        assertTrue(failed.error().contains("--states"), failed.error());
        final CellResult ran = CellResult.run("discrete", cell(1, "5"), 1, false, quiet);
        assertNull(ran.error(), ran.error());
        try (SweepStore store = SweepStore.open(tmp)) {
            store.write(cell(0, "0"), failed, "test");
            store.write(cell(1, "5"), ran, "test");
            assertEquals(java.util.Set.of(cell(1, "5").key()), store.done(), "only the cell that ran counts as done");
            final Sweep sweep = new Sweep("t.toml", "", "", "discrete", 11, 4, false, Map.of("states", List.of("0", "5")),
                    List.of(cell(0, "0"), cell(1, "5")));
            assertEquals(List.of(1, 1), java.util.Arrays.stream(store.counts(sweep)).boxed().toList());
            store.export(sweep, tmp);
        }
        final List<String> cells = Files.readAllLines(tmp.resolve("cells.csv"));
        assertTrue(cells.get(1).startsWith("0,0,") && cells.get(1).contains(",failed,") && cells.get(1).contains("--states"), cells.get(1));
        assertTrue(cells.get(2).startsWith("1,5,") && cells.get(2).contains(",done,"), cells.get(2));
    }

    @Test
    void cellSeedsAreAFunctionOfTheParametersAlone() {
        final String a = Cell.key("discrete", 100, Map.of("states", "10", "samples", "100"));
        final String b = Cell.key("discrete", 100, new java.util.LinkedHashMap<>(Map.of("samples", "100", "states", "10")));
        assertEquals(a, b, "options sorted by name");
        assertEquals(Cell.seed(1, a), Cell.seed(1, b));
        assertTrue(Cell.seed(1, a) != Cell.seed(2, a) && Cell.seed(1, a) != Cell.seed(1, Cell.key("discrete", 99, Map.of("states", "10", "samples", "100"))));
    }
}
