package org.modelcollapse.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * The PNG that {@code collapse compare} writes, and its record beside it ({@code FILE.png.json}: the
 * tool, the command's arguments, the runs, and the SHA-256 of the PNG's bytes). A lone PNG has no
 * manifest to say who wrote it, so the record does: an existing file is replaced only if it is, byte for
 * byte, the PNG a record of collapse compare describes; any other existing file at either name is left
 * alone and refused. Both files are written beside their targets and moved into place, the record first:
 * an interruption between the two moves leaves an old PNG whose hash no longer matches, which is then
 * refused rather than replaced (the safe side).
 */
final class FigureFile {
    /** Appended to the PNG's name for its record. */
    static final String RECORD_SUFFIX = ".json";
    private static final String COMMAND = "compare";

    private final Path given;
    private final Path png;
    private final Path record;

    private FigureFile(Path given, Path png) {
        this.given = given;
        this.png = png;
        this.record = png.resolveSibling(png.getFileName() + RECORD_SUFFIX);
    }

    /**
     * @param out the --out value
     * @return the figure file, checked: a .png name, and nothing in the way that collapse compare did not write
     * @throws BadInputException if out may not be written
     */
    static FigureFile check(Path out) {
        final Path abs = out.toAbsolutePath().normalize();
        if (abs.getFileName() == null || !abs.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new BadInputException("--out", out, "must name a .png file");
        }
        final FigureFile f = new FigureFile(out, abs);
        f.checkOwnership();
        return f;
    }

    /** @return the PNG's path */
    Path png() {
        return png;
    }

    /** @return the record's path */
    Path record() {
        return record;
    }

    /** The rule of the class comment; a bad-input error naming what is in the way. */
    private void checkOwnership() {
        if (Files.isDirectory(png)) {
            throw new BadInputException("--out", given, "is a folder; name a .png file");
        }
        final boolean pngExists = Files.exists(png, LinkOption.NOFOLLOW_LINKS);
        final boolean recordExists = Files.exists(record, LinkOption.NOFOLLOW_LINKS);
        if (!pngExists && !recordExists) {
            return;
        }
        final String refusal = "exists and collapse compare did not write it (" + record.getFileName()
                + " does not record it); it is left alone: name another file";
        if (!recordExists || !Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException("--out", given, refusal);
        }
        Map<String, Object> r;
        try {
            r = JSON.std.mapFrom(Files.readString(record));
        } catch (IOException | RuntimeException e) {
            r = Map.of();
        }
        if (!"collapse".equals(r.get("tool")) || !COMMAND.equals(r.get("command"))) {
            throw new BadInputException("--out", given, record.getFileName() + " exists and is not collapse compare's record; both are left alone: name another file");
        }
        if (pngExists) {
            final String hash = Files.isRegularFile(png, LinkOption.NOFOLLOW_LINKS) ? sha256OrNull(png) : null;
            if (hash == null || !hash.equals(r.get("png_sha256"))) {
                throw new BadInputException("--out", given, "exists and is not the PNG collapse compare wrote (its bytes differ from "
                        + record.getFileName() + "'s hash); it is left alone: name another file");
            }
        }
    }

    /**
     * Writes the PNG and its record: each beside its target, then moved into place after the rule is
     * checked again (the files may have changed while the chart was drawn). Folders above the file are
     * created, and removed again if nothing could be written.
     *
     * @param about the record's account of the figure (arguments, runs), after the tool's name and the PNG's hash
     * @throws IOException if the files cannot be written or moved; nothing is then left behind
     */
    void write(JFreeChart chart, int width, int height, Map<String, Object> about) throws IOException {
        final List<Path> created = new ArrayList<>();
        for (Path p = png.getParent(); p != null && !Files.exists(p); p = p.getParent()) {
            created.add(p);
        }
        final String suffix = ".partial-" + ProcessHandle.current().pid();
        final Path pngPartial = png.resolveSibling("." + png.getFileName() + suffix);
        final Path recordPartial = png.resolveSibling("." + record.getFileName() + suffix);
        boolean done = false;
        try {
            Files.createDirectories(png.getParent());
            ChartUtils.saveChartAsPNG(pngPartial.toFile(), chart, width, height);
            final Map<String, Object> r = new LinkedHashMap<>();
            r.put("tool", "collapse");
            r.put("command", COMMAND);
            r.put("version", Versions.project());
            r.put("png", png.getFileName().toString());
            r.put("png_sha256", sha256OrNull(pngPartial));
            r.putAll(about);
            ResultFiles.manifest(recordPartial, r);
            try {
                checkOwnership();
            } catch (BadInputException e) {
                throw new IOException(e.getMessage() + " (it changed while the figure was drawn)");
            }
            Files.move(recordPartial, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(pngPartial, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
        } finally {
            Files.deleteIfExists(pngPartial);
            Files.deleteIfExists(recordPartial);
            if (!done) {
                removeEmpty(created);
            }
        }
    }

    private static void removeEmpty(List<Path> created) {
        for (Path p : created) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                return; // Not empty: someone else wrote there.
            }
        }
    }

    /** @return the file's SHA-256 in hex, or null if it cannot be read */
    private static String sha256OrNull(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
