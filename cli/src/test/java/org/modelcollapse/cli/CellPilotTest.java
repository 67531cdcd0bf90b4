package org.modelcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelcollapse.cli.sweep.Cell;
import org.modelcollapse.cli.sweep.Sweep;
import org.modelcollapse.cli.sweep.SweepFile;

/** The pilots that estimate a cell's time and order cells longest first; costs differ by 100x or more, so timing noise cannot reorder them. */
class CellPilotTest {
    private static final long PILOT_NANOS = 20_000_000L;
    /** On the exact path a generation costs about one step per live state: 10, 10^3 and 10^5 states. */
    private static final String FIXED = """
            family = "discrete"
            seed = 1
            replicates = 4
            [options]
            samples = 1000000
            generations = 200
            mode = "exact"
            [axes]
            states = [10, 1000, 100000]
            """;

    @TempDir
    Path tmp;

    private Sweep sweep(String text) throws IOException {
        return SweepFile.read(Files.writeString(tmp.resolve("s.toml"), text));
    }

    private static List<String> axisValues(List<Cell> cells) {
        return cells.stream().map(c -> String.join(" ", c.axisValues().values())).toList();
    }

    @Test
    void fixedGenerationCellsAreOrderedByTheirEstimatedTime() throws IOException {
        final Sweep s = sweep(FIXED);
        final CellPilot small = CellPilot.run(s.family(), s.cells().get(0), PILOT_NANOS, 1);
        assertTrue(small.bounded(), "a fixed number of generations is known");
        assertEquals(200, small.generations());
        assertEquals(List.of("100000", "1000", "10"), axisValues(CellPilot.longestFirst(s, s.cells(), PILOT_NANOS, System.nanoTime() + 60_000_000_000L, 1)));
    }

    @Test
    void cellsStillRunningWhenTheirPilotEndsComeFirstTheCostlierGenerationFirst() throws IOException {
        // M = 10 absorbs within the pilot (about 2M generations); M = 10^6 runs for about 10^6 more.
        final Sweep s = sweep("""
                family = "discrete"
                seed = 1
                replicates = 4
                [options]
                until-absorbed = true
                mode = "exact"
                [axes]
                states = [2, 3000]
                samples = [10, 1000000]
                """);
        final Cell quick = s.cells().get(0);
        final CellPilot q = CellPilot.run(s.family(), quick, PILOT_NANOS, 1);
        assertTrue(q.bounded(), "states=2 samples=10 absorbs within the pilot");
        assertTrue(q.generations() < 1000, "absorbed after " + q.generations() + " generations");
        final CellPilot slow = CellPilot.run(s.family(), s.cells().get(3), PILOT_NANOS, 1);
        assertFalse(slow.bounded(), "states=3000 samples=10^6 is still running");
        assertEquals(1_000_000, slow.cap());
        final List<Cell> order = CellPilot.longestFirst(s, s.cells(), PILOT_NANOS, System.nanoTime() + 60_000_000_000L, 1);
        // states=2 samples=10^6 may absorb early in its pilot, but after far more generations than either M = 10 cell.
        assertEquals(List.of("3000 1000000", "2 1000000"), axisValues(order.subList(0, 2)));
    }

    @Test
    void cellsNotPilotedByTheDeadlineComeFirstInTheirOwnOrder() throws IOException {
        final Sweep s = sweep(FIXED);
        // The deadline has passed before the first pilot: nothing is known, so the cells keep their order.
        assertEquals(List.of("10", "1000", "100000"), axisValues(CellPilot.longestFirst(s, s.cells(), PILOT_NANOS, System.nanoTime() - 1, 1)));
    }
}
