package org.modelcollapse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test's probe in a JVM of its own, on this test run's class path, as a user's process would
 * run: for what depends on the JIT compiler's state (allocation after warm-up), which the other tests
 * of a shared JVM change (a kernel compiled from their profiles may keep a path that boxes vectors).
 */
public final class FreshJvm {
    /** What the probe printed. */
    public record Output(String out, String err) {}

    private FreshJvm() {}

    /** @return the probe's output; fails unless it exits 0 within a minute */
    public static Output run(Class<?> probe, String... args) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), probe.getName()));
        command.addAll(List.of(args));
        final Process p = new ProcessBuilder(command).start();
        final var err = p.getErrorStream();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        final String errText = new String(err.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe's JVM ended");
        assertEquals(0, p.exitValue(), probe.getSimpleName() + " failed: " + errText);
        return new Output(out, errText.replace("WARNING: Using incubator modules: jdk.incubator.vector", "").strip());
    }
}
