package org.modelcollapse.cli;

import java.util.List;

/** The model families of the command line, one line each, in the order of {@code collapse --help}. */
final class Families {
    /** Every family. */
    static final List<FamilyCli> ALL = List.of(new DiscreteCli(), new GaussianCli(), new GmmCli(), new RegressionCli(), new KdeCli(), new LmCli());

    private Families() {}

    /** @return the family called {@code name}, or null */
    static FamilyCli named(String name) {
        return ALL.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    /** @return the families' names, comma-separated, for messages */
    static String names() {
        return String.join(", ", ALL.stream().map(FamilyCli::name).toList());
    }
}
