package org.modelcollapse.cli;

import picocli.CommandLine.IVersionProvider;

/** Version strings for {@code --version} and manifests. */
public final class Versions implements IVersionProvider {
    /** @return this build's version, or "dev" when run from classes */
    static String project() {
        final String v = CollapseCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"collapse " + project() + " (JDK " + Runtime.version() + ")"};
    }
}
