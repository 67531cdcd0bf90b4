package org.modelcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the output folder may be: --force replaces only a folder of collapse's own files, a folder that
 * cannot be created is refused before the run computes, and nothing is left beside the target. (The
 * launcher's own tests, LauncherIT, cover the current folder, signals and the real JVM.)
 */
class OutputFolderTest {
    @TempDir
    Path tmp;

    private static final String[] SMALL = {"discrete", "--states", "5", "--samples", "20", "--generations", "3", "--replicates", "10", "--no-plots"};

    private static CliRun small(Path out, String... more) {
        final List<String> args = new java.util.ArrayList<>(List.of(SMALL));
        args.addAll(List.of("--out", out.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private List<String> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void forceReplacesOnlyAFolderOfCollapsesOwnFiles() throws Exception {
        final Path users = tmp.resolve("users");
        Files.createDirectories(users);
        Files.writeString(users.resolve("thesis.tex"), "mine");
        CliRun r = small(users, "--seed", "1", "--force");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--force replaces only a folder that collapse wrote"), r.err());
        assertEquals(List.of("thesis.tex"), listing(users), "the user's folder is untouched");

        final Path ours = tmp.resolve("ours");
        assertEquals(0, small(ours, "--seed", "1").status());
        Files.writeString(ours.resolve("notes.txt"), "added by the user");
        r = small(ours, "--seed", "2", "--force");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("holds 'notes.txt', which collapse did not write"), r.err());
        assertTrue(Files.exists(ours.resolve("notes.txt")));
        Files.delete(ours.resolve("notes.txt"));
        r = small(ours, "--seed", "2", "--force");
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(ours.resolve("manifest.json")).contains("\"seed\" : 2"));
        assertEquals(List.of("ours", "users"), listing(tmp), "no staging or replaced folder left beside the target");
    }

    /** An empty folder of the user's is written into, and stays the same folder. */
    @Test
    void anEmptyFolderIsFilledInPlace() throws Exception {
        final Path empty = tmp.resolve("empty");
        Files.createDirectories(empty);
        final Object key = Files.readAttributes(empty, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        assertEquals(0, small(empty, "--seed", "1").status());
        assertTrue(Files.exists(empty.resolve("manifest.json")));
        assertEquals(key, Files.readAttributes(empty, java.nio.file.attribute.BasicFileAttributes.class).fileKey(), "the same folder");
    }

    /** A folder that cannot be created is refused at once, not after a run of 10^6 generations. */
    @Test
    void anUncreatableFolderIsRefusedBeforeTheRun() throws Exception {
        final Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        for (Path out : new Path[] {file.resolve("run"), file.resolve("deeper/run"), Path.of("/proc/collapse-test/run")}) {
            final CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.of("discrete", "--generations", "1000000",
                    "--replicates", "1000", "--seed", "1", "--out", out.toString()));
            assertEquals(2, r.status(), out + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("--out " + out + ": cannot be created"), r.err());
        }
        assertEquals(List.of("a-file"), listing(tmp), "no parent folder left behind");
        final CliRun blank = CliRun.of("discrete", "--out", "", "--seed", "1");
        assertEquals(2, blank.status(), blank.err());
        assertTrue(blank.err().contains("--out '': must name a folder"), blank.err());
        assertFalse(Files.exists(file.resolveSibling("run")));
    }

    /** Missing parents are created; the manifest lists the files, which is what --force later checks. */
    @Test
    void parentsAreCreatedAndTheManifestListsTheFiles() throws Exception {
        final Path out = tmp.resolve("new/parents/run");
        final CliRun r = CliRun.of("discrete", "--states", "5", "--samples", "20", "--generations", "3", "--replicates", "10", "--no-plots",
                "--seed", "1", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.exists(out.resolve("manifest.json")));
        final String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"files\"") && manifest.contains("\"summary.csv\""), manifest);
    }

    /** --force removes only the folder's own entries that the manifest lists: a listed "../x" deletes nothing outside. */
    @Test
    void aManifestCannotReachOutsideItsFolder() throws Exception {
        final Path run = tmp.resolve("run");
        assertEquals(0, small(run, "--seed", "1").status());
        final Path precious = tmp.resolve("precious.txt");
        Files.writeString(precious, "the user's");
        final Path manifest = run.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"files\" : [ ", "\"files\" : [ \"../precious.txt\", "));
        final CliRun r = small(run, "--seed", "2", "--force");
        assertEquals(0, r.status(), r.err());
        assertEquals("the user's", Files.readString(precious));
        assertTrue(Files.readString(manifest).contains("\"seed\" : 2"));
    }

    /** A symbolic link to a folder stays a link, and the files go into the folder it names. */
    @Test
    void aLinkedFolderStaysALink() throws Exception {
        final Path real = Files.createDirectories(tmp.resolve("real"));
        final Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        assertEquals(0, small(link, "--seed", "1").status());
        assertTrue(Files.isSymbolicLink(link), "still a link");
        assertTrue(Files.exists(real.resolve("manifest.json")));
        assertEquals(0, small(link, "--seed", "2", "--force").status());
        assertTrue(Files.isSymbolicLink(link) && Files.readString(real.resolve("manifest.json")).contains("\"seed\" : 2"));
        assertEquals(List.of("link", "real"), listing(tmp), "nothing left beside them");
    }
}
