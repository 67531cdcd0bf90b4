package org.modelcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source revision is read from the jar's manifest, and is "unknown" wherever it cannot be. */
class VersionsTest {
    @TempDir
    Path dir;

    private Path jar(String name, String revision) throws IOException {
        final Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (revision != null) {
            manifest.getMainAttributes().putValue("Source-Revision", revision);
        }
        final Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }

    @Test
    void revisionComesFromTheJarManifest() throws IOException {
        assertEquals("6b0a5c1-dirty", Versions.revisionOf(jar("built.jar", "6b0a5c1-dirty")));
        assertEquals("unknown", Versions.revisionOf(jar("older.jar", null)));
        assertEquals("unknown", Versions.revisionOf(dir));
        assertEquals("unknown", Versions.revisionOf(dir.resolve("missing.jar")));
    }
}
