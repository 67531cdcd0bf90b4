package org.modelcollapse.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import picocli.CommandLine.IVersionProvider;

/** Version strings for {@code --version} and manifests. */
public final class Versions implements IVersionProvider {
    /** @return this build's version, or "dev" when run from classes */
    static String project() {
        final String v = CollapseCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * The source revision the jar was built from ({@code git describe --always --dirty}, which the
     * project's scripts pass to every build as {@code collapse.revision}): the version alone
     * does not tell two builds of a snapshot apart, and a change of sampling algorithm changes a
     * run's draws for the same seed.
     *
     * @return the revision, or "unknown" (run from classes, or built by plain Maven)
     */
    static String revision() {
        final CodeSource source = CollapseCommand.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "unknown";
        }
        try {
            return revisionOf(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException e) {
            return "unknown";
        }
    }

    /** @return the Source-Revision of the jar at {@code location}, or "unknown" (not a jar, or none recorded) */
    static String revisionOf(Path location) {
        if (!location.toString().endsWith(".jar")) {
            return "unknown";
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            final Manifest manifest = jar.getManifest();
            final String r = manifest == null ? null : manifest.getMainAttributes().getValue("Source-Revision");
            return r == null || r.isBlank() ? "unknown" : r;
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"collapse " + project() + " (revision " + revision() + ", JDK " + Runtime.version() + ")"};
    }
}
