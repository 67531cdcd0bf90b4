package org.modelcollapse.cli;

import picocli.CommandLine.Option;

/** The plots' y axis (a picocli mixin of the simulating commands and of {@code collapse plot}). */
final class PlotScaleOptions {
    @Option(names = "--log-y", description = "Plots: logarithmic y axes (default: where a metric spans more than two decades).")
    boolean logY;

    @Option(names = "--linear-y", description = "Plots: linear y axes.")
    boolean linearY;

    /** @return the y axis asked for, checked */
    Plots.Scale scale() {
        if (logY && linearY) {
            throw new BadInputException("--log-y and --linear-y contradict each other: give one");
        }
        return logY ? Plots.Scale.LOG : linearY ? Plots.Scale.LINEAR : Plots.Scale.AUTO;
    }
}
