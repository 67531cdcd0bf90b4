package org.modelcollapse.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A run's output folder. Files are written into a staging folder, made before the run computes
 * anything (so that a folder that cannot be created is reported at once), and moved into place only
 * when every file is written: a failed or interrupted run leaves nothing behind. A new target's
 * staging folder is its sibling, renamed into place; an existing target's (an empty folder, or one that
 * collapse wrote) is inside it, and the files move up into it: a rename within one file system either
 * way, whether the target is a mount point or a symbolic link to a folder elsewhere (which stays a link).
 *
 * <p>What may be replaced: {@code --force} replaces only a folder that collapse wrote, i.e. whose
 * {@code manifest.json} says {@code "tool" : "collapse"} and lists every file the folder holds. The
 * current folder, its parents, the home folder and the file system's root are never replaced, with or
 * without {@code --force}. Nothing else is ever deleted: the replaced folder loses exactly the files its
 * manifest lists.
 *
 * <p>Interruption: the JVM runs shutdown hooks on SIGINT and SIGTERM (and exits 130 or 143). Until the
 * move into place, a hook removes the staging folder and the parents this run created, and says so in
 * one line; the move itself and the hook exclude each other, so the target is either the old folder or
 * the complete new one.
 */
final class OutputDirectory {
    /** The manifest, written last: its "files" list names every file of the folder. */
    static final String MANIFEST = "manifest.json";

    private enum State { STAGED, COMMITTED, ABANDONED }

    private final Path target;
    private final Path staging;
    /** The staging folder is inside an existing target (else its sibling). */
    private final boolean inside;
    private final boolean force;
    /** Parent folders this run created, deepest first: removed again if the run writes nothing. */
    private final List<Path> createdParents;
    private final String command;
    private final Thread hook;
    private State state = State.STAGED;
    private boolean interruptedByHook;

    private OutputDirectory(Path target, Path staging, boolean inside, boolean force, List<Path> createdParents, String command) {
        this.target = target;
        this.staging = staging;
        this.inside = inside;
        this.force = force;
        this.createdParents = createdParents;
        this.command = command;
        this.hook = new Thread(this::onShutdown, "collapse-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Checks the target and creates the staging folder; the last check before a run computes.
     *
     * @param command the command's qualified name, for the interruption message
     * @throws BadInputException if the target may not be written or replaced, or cannot be created
     */
    static OutputDirectory prepare(String command, Path target, boolean force) {
        if (target.toString().isBlank()) {
            throw new BadInputException("--out '" + target + "': must name a folder");
        }
        final Path abs = target.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            throw new BadInputException("--out", target, "is the root of the file system; name a folder inside it");
        }
        final boolean exists = Files.exists(abs, LinkOption.NOFOLLOW_LINKS);
        if (exists) {
            checkReplaceable(target, abs, force, null);
        }
        final List<Path> created = new ArrayList<>();
        final Path staging = exists ? abs.resolve(STAGING_PREFIX + ProcessHandle.current().pid())
                : abs.resolveSibling("." + abs.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            for (Path p = abs.getParent(); p != null && !Files.exists(p); p = p.getParent()) {
                created.add(p);
            }
            Files.createDirectories(abs.getParent());
            Files.createDirectory(staging);
        } catch (IOException | SecurityException e) {
            removeEmpty(created);
            throw new BadInputException("--out", target, "cannot be created (" + reason(e) + ")");
        }
        return new OutputDirectory(abs, staging, exists, force, created, command);
    }

    /** The name of a staging folder inside an existing target, before the process id. */
    private static final String STAGING_PREFIX = ".collapse-partial-";

    /**
     * The rules of the class comment, for an existing target.
     *
     * @param ownStaging this run's staging folder inside the target, not counted as an entry; or null
     */
    private static void checkReplaceable(Path given, Path abs, boolean force, Path ownStaging) {
        if (!Files.isDirectory(abs)) {
            throw new BadInputException("--out", given, "exists and is not a folder");
        }
        final Path real;
        try {
            real = abs.toRealPath();
        } catch (IOException e) {
            throw new BadInputException("--out", given, "cannot be read (" + reason(e) + ")");
        }
        final String protectedAs = protectedAs(real);
        if (protectedAs != null) {
            throw new BadInputException("--out", given, "is " + protectedAs + ", which collapse never writes into or replaces; name a new folder");
        }
        final List<String> entries = entries(given, abs).stream()
                .filter(e -> ownStaging == null || !e.equals(ownStaging.getFileName().toString())).toList();
        if (entries.isEmpty()) {
            return;
        }
        if (!force) {
            throw new BadInputException("--out", given, "folder exists and is not empty (add --force to replace a folder that collapse wrote)");
        }
        final Set<String> listed = listedFiles(given, abs);
        for (String e : entries) {
            if (!listed.contains(e)) {
                throw new BadInputException("--out", given, "holds '" + e + "', which collapse did not write: --force replaces only a folder of collapse's own files");
            }
        }
    }

    /** @return a description if {@code real} is the current folder, one of its parents, the home folder or a root; else null */
    private static String protectedAs(Path real) {
        final Path cwd = realOrAbsolute(Path.of(""));
        if (cwd.startsWith(real)) {
            return real.equals(cwd) ? "the current folder" : "a parent of the current folder";
        }
        final String home = System.getProperty("user.home");
        if (home != null && !home.isBlank() && real.equals(realOrAbsolute(Path.of(home)))) {
            return "the home folder";
        }
        return real.getParent() == null ? "the root of the file system" : null;
    }

    private static Path realOrAbsolute(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static List<String> entries(Path given, Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("--out", given, "cannot be read (" + reason(e) + ")");
        }
    }

    /** @return manifest.json and the files it lists, if it is collapse's; else a bad-input error */
    private static Set<String> listedFiles(Path given, Path dir) {
        final Set<String> listed = new HashSet<>();
        listed.add(MANIFEST);
        for (Object f : (List<?>) ownManifest("--out", given, dir, "--force replaces only a folder that collapse wrote, and ").get("files")) {
            listed.add(String.valueOf(f));
        }
        return listed;
    }

    /**
     * @param option the option that named the folder, for messages
     * @param why the start of a refusal's reason
     * @return the folder's manifest, if collapse wrote it and it lists its files ("files"); else a bad-input error
     */
    static Map<String, Object> ownManifest(String option, Path given, Path dir, String why) {
        final Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new BadInputException(option, given, why + "this one has no " + MANIFEST);
        }
        final Map<String, Object> m;
        try {
            m = JSON.std.mapFrom(Files.readString(manifest));
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(option, given, why + "its " + MANIFEST + " cannot be read as collapse's (" + reason(e) + ")");
        }
        if (!"collapse".equals(m.get("tool")) || !(m.get("files") instanceof List<?>)) {
            throw new BadInputException(option, given, why + "its " + MANIFEST + " is not collapse's or lists no files (older versions did not)");
        }
        return m;
    }

    /** @return the staging folder to write into */
    Path staging() {
        return staging;
    }

    /** @return the final folder */
    Path target() {
        return target;
    }

    /**
     * Moves the staged files into place: a new target by renaming the staging folder, an existing one
     * (checked again now, with the run's --force: it may have changed during the run) by removing
     * exactly the files its manifest lists and moving the new ones up into it. The shutdown hook waits
     * for this, so an interruption leaves either the old folder or the complete new one.
     *
     * @throws IOException with a one-line reason if the files cannot be moved; nothing is then written
     */
    void commit() throws IOException {
        synchronized (this) {
            if (state != State.STAGED) {
                throw new IOException("the output was abandoned before it could be moved into place");
            }
            if (inside) {
                try {
                    checkReplaceable(target, target, force, staging);
                } catch (BadInputException e) {
                    throw new IOException(e.getMessage() + " (it changed during the run)");
                }
                if (!entries(target, target).stream().allMatch(e -> e.equals(staging.getFileName().toString()))) {
                    removeOwnFiles(target, staging);
                }
                for (String f : entries(staging, staging)) {
                    Files.move(staging.resolve(f), target.resolve(f), StandardCopyOption.ATOMIC_MOVE);
                }
                Files.delete(staging);
            } else {
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException("--out " + target + " appeared during the run; the run's files were not moved into it");
                }
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            }
            state = State.COMMITTED;
        }
        removeHook();
    }

    /** Removes the staging folder and the parents this run created, after a failure. Idempotent. */
    void abandon() {
        synchronized (this) {
            if (state != State.STAGED) {
                return;
            }
            state = State.ABANDONED;
            deleteStaging();
            removeEmpty(createdParents);
        }
        removeHook();
    }

    /** @return true if the run was interrupted (a signal) and the shutdown hook removed the staging folder */
    synchronized boolean interrupted() {
        return interruptedByHook;
    }

    /** The shutdown hook: an interrupted run leaves nothing, and says so. */
    private void onShutdown() {
        synchronized (this) {
            if (state != State.STAGED) {
                return;
            }
            state = State.ABANDONED;
            interruptedByHook = true;
            deleteStaging();
            removeEmpty(createdParents);
        }
        final PrintStream err = System.err;
        err.println(command + ": interrupted: nothing written");
        err.flush();
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook runs, finds the state settled and does nothing.
        }
    }

    /**
     * Deletes the staging folder, which only this run writes. A file still being created by the
     * writing thread can reappear between the walk and the folder's removal: walk again.
     */
    private void deleteStaging() {
        for (int attempt = 0; attempt < 10 && Files.exists(staging, LinkOption.NOFOLLOW_LINKS); attempt++) {
            try (Stream<Path> s = Files.walk(staging)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // Retried: a writer was still creating a file.
            }
        }
    }

    /**
     * Removes the files of an earlier run that its manifest lists: plain names of this folder's own
     * entries only (a manifest naming "../x" deletes nothing outside), never the staging folder.
     */
    private static void removeOwnFiles(Path dir, Path staging) throws IOException {
        final List<String> entries = entries(dir, dir);
        for (String f : listedFiles(dir, dir)) {
            if (!f.contains("/") && !f.contains("\\") && !f.equals(staging.getFileName().toString()) && entries.contains(f)
                    && Files.isRegularFile(dir.resolve(f), LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(dir.resolve(f));
            }
        }
    }

    private static void removeEmpty(List<Path> created) {
        for (Path p : created) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                return; // Not empty (someone else wrote there), or not ours to remove any more.
            }
        }
    }

    private static String reason(Exception e) {
        if (e instanceof NoSuchFileException n) {
            return "no such folder: " + n.getFile();
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return "a file is in the way: " + f.getFile();
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() + ": " + f.getFile() : String.valueOf(f.getFile());
        }
        return String.valueOf(e.getMessage());
    }
}
