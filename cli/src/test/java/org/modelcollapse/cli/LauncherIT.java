package org.modelcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real launcher, {@code ./collapse}, as a subprocess on the jar that {@code package} built:
 * what a user sees (exit status, stderr) and what is left on disk, including after SIGTERM and SIGINT.
 */
class LauncherIT {
    /** The first call may prepare the AOT cache (a training run), once per build. */
    private static final Duration FIRST_CALL = Duration.ofMinutes(5);
    private static final Duration CALL = Duration.ofMinutes(2);
    private static final String SHORT_RUN = "--states 5 --samples 20 --generations 3 --replicates 10 --no-plots";

    private static Path root;
    private static Path launcher;

    @TempDir
    Path tmp;

    /** What a launcher call left: exit status and both streams, read to their end. */
    record Result(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        /** @return the call's streams, for failure messages */
        String describe() {
            return "exit status " + status + "\n--- stderr ---\n" + err + "--- stdout ---\n" + out;
        }
    }

    @BeforeAll
    static void launcherIsBuiltAndWarm() throws Exception {
        root = findRoot();
        launcher = root.resolve("collapse");
        assertTrue(Files.isExecutable(launcher), "no executable launcher at " + launcher);
        // The launcher rebuilds when a file of engine, cli or verify src/main is newer than the jar: inside
        // this build that would be a nested Maven build on the same target folders. Refuse to run it.
        final Path jar = root.resolve("cli/target/collapse.jar");
        assertTrue(Files.isRegularFile(jar), "no " + jar + ": the integration tests run after package");
        final List<Path> newer = newerThan(jar, root.resolve("engine/src/main"), root.resolve("cli/src/main"), root.resolve("verify/src/main"));
        assertTrue(newer.isEmpty(), "sources changed after " + jar + " was built, so the launcher would start a nested Maven build: " + newer);
        // Warm-up: builds the AOT cache if this build has not yet (the launcher's first call after package).
        final Result r = run(null, Map.of(), FIRST_CALL, "--version");
        assertEquals(0, r.status(), r.describe());
    }

    /** --force replaces only collapse's folders: a folder holding a user's file stays as it was. */
    @Test
    void forceKeepsAFolderHoldingAUsersFile() throws Exception {
        final Path dir = tmp.resolve("dir");
        Files.createDirectory(dir);
        Files.writeString(dir.resolve("keep.txt"), "mine\n");
        final Map<String, String> before = tree(tmp);
        final Result r = run(null, Map.of(), CALL, args("discrete " + SHORT_RUN + " --seed 1 --out", dir.toString(), "--force"));
        assertEquals(2, r.status(), r.describe());
        assertOneLine(r, "--out");
        assertEquals("mine\n", Files.readString(dir.resolve("keep.txt")));
        assertEquals(before, tree(tmp), "the folder and its surroundings unchanged");
    }

    /** The current folder and its parent are refused even with --force, and so is an empty --out. */
    @Test
    void currentFolderAndItsParentAreNeverReplaced() throws Exception {
        final Path cwd = tmp.resolve("work");
        Files.createDirectory(cwd);
        Files.writeString(cwd.resolve("notes.txt"), "mine\n");
        Files.writeString(tmp.resolve("beside.txt"), "also mine\n");
        final Map<String, String> before = tree(tmp);
        for (String out : new String[] {".", ".."}) {
            final Result r = run(cwd, Map.of(), CALL, args("discrete " + SHORT_RUN + " --seed 1 --out", out, "--force"));
            assertEquals(2, r.status(), "--out " + out + ": " + r.describe());
            assertOneLine(r, "--out");
            assertEquals(before, tree(tmp), "--out " + out + ": nothing changed or added");
        }
        final Result empty = run(cwd, Map.of(), CALL, args("discrete " + SHORT_RUN + " --seed 1 --out", ""));
        assertEquals(2, empty.status(), empty.describe());
        assertOneLine(empty, "--out");
        assertEquals(before, tree(tmp), "--out '': nothing changed or added");
    }

    /** --force replaces a folder that collapse wrote, and leaves no staging or replaced folder beside it. */
    @Test
    void forceReplacesCollapsesOwnFolder() throws Exception {
        final Path dir = tmp.resolve("dir");
        final Result first = run(null, Map.of(), CALL, args("discrete " + SHORT_RUN + " --seed 1 --out", dir.toString()));
        assertEquals(0, first.status(), first.describe());
        assertTrue(Files.readString(dir.resolve("manifest.json")).contains("\"seed\" : 1,"));
        final Result second = run(null, Map.of(), CALL, args("discrete " + SHORT_RUN + " --seed 2 --out", dir.toString(), "--force"));
        assertEquals(0, second.status(), second.describe());
        final String manifest = Files.readString(dir.resolve("manifest.json"));
        assertTrue(manifest.contains("\"seed\" : 2,"), "the new run's manifest: " + manifest);
        assertEquals(List.of("dir"), names(tmp), "no .dir.partial-* or .dir.replaced-* left beside the folder");
    }

    /** SIGTERM to the launcher's PID ends the run at once, with nothing written (exit 143). */
    @Test
    void sigtermStopsTheRunAndLeavesNothing() throws Exception {
        interruptLongRun("TERM", 143, false);
    }

    /**
     * A signal to the launcher's whole process group (what Ctrl-C, {@code timeout} and a job's kill send)
     * reaches the stderr filter too, which must still pass on the run's last line.
     */
    @Test
    void aSignalToTheProcessGroupStillSaysNothingWasWritten() throws Exception {
        interruptLongRun("TERM", 143, true);
    }

    /** SIGINT (Ctrl-C) to the launcher's PID ends the run at once, with nothing written (exit 130). */
    @Test
    void sigintStopsTheRunAndLeavesNothing() throws Exception {
        Assumptions.assumeFalse(sigintIgnored(), "SIGINT is ignored by this test JVM (started in the background without job control), "
                + "and an ignored signal stays ignored in the JVM it starts: nothing to test");
        interruptLongRun("INT", 130, false);
    }

    /** Bad input: one line on stderr, nothing on stdout, no folder; --help: an empty stderr. */
    @Test
    void badInputWritesOneLineAndNothingElse() throws Exception {
        final Path dir = tmp.resolve("dir");
        final Result r = run(null, Map.of(), CALL, args("discrete --samples 0 --out", dir.toString()));
        assertEquals(2, r.status(), r.describe());
        assertOneLine(r, "--samples");
        assertTrue(r.err().startsWith("collapse discrete: --samples 0:"), r.describe());
        assertFalse(r.err().contains("INFO"), r.describe());
        assertEquals("", r.out(), r.describe());
        assertFalse(Files.exists(dir), "no output folder");
        final Result help = run(null, Map.of(), CALL, "discrete", "--help");
        assertEquals(0, help.status(), help.describe());
        assertEquals("", help.err(), help.describe());
        assertTrue(help.out().contains("--samples"), help.describe());
    }

    /** Exact mode's memory does not depend on M: M = 2 * 10^9 runs in the default heap. */
    @Test
    void exactModeRunsHugeSamplesInTheDefaultHeap() throws Exception {
        final Path dir = tmp.resolve("dir");
        final Result r = run(null, Map.of(), CALL, args("discrete --states 10 --samples 2000000000 --mode exact --generations 100 "
                + "--replicates 100 --seed 1 --no-plots --out", dir.toString()));
        assertEquals(0, r.status(), r.describe());
        assertEquals(102, Files.readAllLines(dir.resolve("summary.csv")).size(), "header + generations 0..100");
    }

    /** JAVA_OPTS reaches the JVM: a heap of 64 MB refuses a run of 2 * 10^7 states, and says how to raise it. */
    @Test
    void javaOptsIsHonoured() throws Exception {
        final Path dir = tmp.resolve("dir");
        final Result r = run(null, Map.of("JAVA_OPTS", "-Xmx64m"), CALL, "discrete", "--states", "20000000", "--out", dir.toString());
        assertEquals(2, r.status(), r.describe());
        assertOneLine(r, "JAVA_OPTS");
        assertFalse(Files.exists(dir), "no output folder");
    }

    /**
     * Starts a long run, waits for its staging folder, sends {@code kill -SIGNAL} to the launcher's PID
     * and checks that within 5 s the run is over, every JVM of it included, and nothing is left.
     */
    private void interruptLongRun(String signal, int expectedStatus, boolean group) throws Exception {
        final Path dir = tmp.resolve("dir");
        final String[] run = args("discrete --states 1000 --samples 100000 --mode samples --generations 100000 --replicates 4 --seed 1 --out",
                dir.toString());
        // setsid: a process group of its own (setsid execs in place: the launcher keeps its PID), so that
        // the signal to the group reaches the launcher's processes and not this test's JVM.
        final Process p = group ? startIn(true, run) : start(null, Map.of(), run);
        final CompletableFuture<String> out = drain(p.getInputStream());
        final CompletableFuture<String> err = drain(p.getErrorStream());
        final List<ProcessHandle> started = new ArrayList<>();
        try {
            final Path staging = awaitStaging(p, dir, Duration.ofSeconds(60), err);
            started.addAll(p.descendants().toList());
            final long sent = System.nanoTime();
            final Process kill = new ProcessBuilder("kill", "-" + signal, "--", (group ? "-" : "") + p.pid()).redirectErrorStream(true).start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " " + p.pid() + " failed");
            final boolean ended = p.waitFor(5, TimeUnit.SECONDS);
            final List<ProcessHandle> jvms = runsInto(dir);
            assertTrue(ended && !ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false),
                    "the launcher still runs 5 s after SIG" + signal);
            assertTrue(jvms.isEmpty(), "a JVM of this run still runs after the launcher ended: "
                    + jvms.stream().map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).toList());
            final Result r = new Result(p.exitValue(), finish(out), finish(err));
            final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertTrue(millis < 5000, "ended " + millis + " ms after the signal, streams included");
            assertEquals(expectedStatus, r.status(), r.describe());
            final List<String> lines = r.errLines();
            assertFalse(lines.isEmpty(), r.describe());
            assertEquals("collapse discrete: interrupted: nothing written", lines.getLast(), r.describe());
            assertEquals(1, lines.stream().filter(l -> l.contains("interrupted")).count(), "said once: " + r.describe());
            assertFalse(Files.exists(staging), "staging folder " + staging + " removed");
            assertFalse(Files.exists(dir), "no output folder");
            assertEquals(List.of(), names(tmp), "nothing left beside the output folder");
            assertEquals(staging.getFileName().toString(), ".dir.partial-" + p.pid(), "the JVM runs in the launcher's process (exec)");
        } finally {
            p.destroyForcibly();
            started.forEach(ProcessHandle::destroyForcibly);
            runsInto(dir).forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** @return the staging folder {@code .NAME.partial-PID} beside {@code dir}, once the run made it */
    private static Path awaitStaging(Process p, Path dir, Duration timeout, CompletableFuture<String> err) throws Exception {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final String prefix = "." + dir.getFileName() + ".partial-";
        while (System.nanoTime() < deadline) {
            for (String name : names(dir.getParent())) {
                if (name.startsWith(prefix)) {
                    return dir.resolveSibling(name);
                }
            }
            if (!p.isAlive()) {
                fail("the run ended (exit status " + p.exitValue() + ") before its staging folder appeared; stderr: " + finish(err));
            }
            Thread.sleep(50);
        }
        return fail("no " + prefix + "* beside " + dir + " within " + timeout.toSeconds() + " s");
    }

    /** @return the live JVMs running collapse.jar into {@code dir} */
    private static List<ProcessHandle> runsInto(Path dir) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(h -> {
            final String cmd = h.info().commandLine().orElse(String.join(" ", h.info().arguments().orElse(new String[0])));
            return cmd.contains("collapse.jar") && cmd.contains(dir.toString());
        }).toList();
    }

    /** Runs the launcher to its end, or fails (and kills it) after {@code timeout}. */
    private static Result run(Path cwd, Map<String, String> env, Duration timeout, String... args) throws Exception {
        final Process p = start(cwd, env, args);
        final CompletableFuture<String> out = drain(p.getInputStream());
        final CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                fail("collapse " + String.join(" ", args) + " did not end within " + timeout.toSeconds() + " s; stderr so far: "
                        + err.getNow("(unread)"));
            }
            final Result r = new Result(p.exitValue(), finish(out), finish(err));
            assertFalse(r.err().contains("collapse: building the project"), "the launcher rebuilt the project: " + r.describe());
            return r;
        } finally {
            p.destroyForcibly();
        }
    }

    /** Starts the launcher in a session and process group of its own. */
    private static Process startIn(boolean ownGroup, String... args) throws IOException {
        final List<String> all = new ArrayList<>(List.of(launcher.toString()));
        all.addAll(List.of(args));
        return startCommand(null, Map.of(), ownGroup ? prepend("setsid", all) : all);
    }

    private static List<String> prepend(String first, List<String> rest) {
        final List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    /** Starts the launcher with stdin closed and JAVA_OPTS (and the JVM's other option variables) only as given. */
    private static Process start(Path cwd, Map<String, String> env, String... args) throws IOException {
        final List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return startCommand(cwd, env, command);
    }

    private static Process startCommand(Path cwd, Map<String, String> env, List<String> command) throws IOException {
        final ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        for (String v : new String[] {"JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"}) {
            pb.environment().remove(v);
        }
        pb.environment().putAll(env);
        return pb.start();
    }

    /**
     * Reads a stream to its end on another thread. Its end, not the process's: the launcher's stderr
     * filter may write the JVM's last line after the JVM has exited.
     */
    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, r -> Thread.ofPlatform().daemon().start(r));
    }

    private static String finish(CompletableFuture<String> stream) throws InterruptedException, ExecutionException {
        try {
            return stream.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return fail("a stream of the launcher stayed open 5 s after it ended (a process of it still holds it)");
        }
    }

    private static void assertOneLine(Result r, String named) {
        assertEquals(1, r.errLines().size(), "exactly one line on stderr: " + r.describe());
        assertTrue(r.err().endsWith("\n") && r.err().contains(named), "a line naming " + named + ": " + r.describe());
    }

    private static String[] args(String words, String... more) {
        final List<String> all = new ArrayList<>(List.of(words.split(" ")));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** @return every path under {@code dir} (relative) with its content or "/" for a folder, sorted */
    private static Map<String, String> tree(Path dir) throws IOException {
        final Map<String, String> t = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                t.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "/" : Files.readString(p));
            }
        }
        return t;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** @return the files and folders under {@code dirs} modified after {@code reference}, as the launcher's find -newer sees them */
    private static List<Path> newerThan(Path reference, Path... dirs) throws IOException {
        final FileTime t = Files.getLastModifiedTime(reference);
        final List<Path> newer = new ArrayList<>();
        for (Path d : dirs) {
            if (Files.exists(d)) {
                try (Stream<Path> s = Files.walk(d)) {
                    s.filter(p -> {
                        try {
                            return Files.getLastModifiedTime(p).compareTo(t) > 0;
                        } catch (IOException e) {
                            return false;
                        }
                    }).forEach(newer::add);
                }
            }
        }
        return newer;
    }

    /** @return true if this JVM ignores SIGINT (SigIgn bit 2 in /proc/self/status) */
    private static boolean sigintIgnored() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & 0x2) != 0;
            }
        }
        return false;
    }

    /** @return the project root: the POM's collapse.root, else the first folder up from user.dir holding the launcher */
    private static Path findRoot() {
        final String given = System.getProperty("collapse.root");
        if (given != null && !given.isBlank() && Files.isRegularFile(Path.of(given, "collapse"))) {
            return Path.of(given).toAbsolutePath().normalize();
        }
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("collapse")) && Files.isRegularFile(p.resolve("bin/common.sh"))) {
                return p;
            }
        }
        return fail("no project root (a folder holding collapse and bin/common.sh) from collapse.root or up from user.dir");
    }
}
