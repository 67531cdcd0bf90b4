package org.modelcollapse.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a run's files into a staging folder beside the target and moves it into place only when
 * every file is written, so a failed or interrupted run leaves nothing partial behind.
 */
final class OutputDirectory {
    private final Path target;
    private final Path staging;

    private OutputDirectory(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /**
     * Checks the target before any work is done.
     *
     * @throws BadInputException if it exists, is not an empty folder, and {@code force} is false
     */
    static OutputDirectory prepare(Path target, boolean force) {
        final Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) {
                throw new BadInputException("--out", target, "exists and is not a folder");
            }
            if (!force && !isEmpty(abs)) {
                throw new BadInputException("--out", target, "folder exists and is not empty (add --force to replace it)");
            }
        }
        final Path parent = abs.getParent();
        if (parent != null && Files.exists(parent) && !Files.isWritable(parent)) {
            throw new BadInputException("--out", target, "its parent folder is not writable");
        }
        return new OutputDirectory(abs, abs.resolveSibling("." + abs.getFileName() + ".partial-" + ProcessHandle.current().pid()));
    }

    /** @return the staging folder (created) to write into */
    Path staging() {
        try {
            Files.createDirectories(staging);
            return staging;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + staging, e);
        }
    }

    /** Replaces the target by the staging folder. */
    void commit() throws IOException {
        if (Files.exists(target)) {
            deleteRecursively(target);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the staging folder after a failure. */
    void abandon() {
        try {
            if (Files.exists(staging)) {
                deleteRecursively(staging);
            }
        } catch (IOException ignored) {
            // Best effort: the run has already failed and says so.
        }
    }

    /** @return the final folder */
    Path target() {
        return target;
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
