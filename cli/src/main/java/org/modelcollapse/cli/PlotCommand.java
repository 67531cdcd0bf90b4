package org.modelcollapse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code collapse plot DIR}: redraws a finished run's plots from its files, the same plots the run drew. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = {"Redraws the plots of a finished run from its summary.csv, quantiles.csv and manifest.json, into the same folder.",
            "Each plot: the median over replicates with its 5-95% band, the mean with 2 standard errors, the closed form where one exists."},
        footerHeading = "%nExamples:%n",
        footer = {"  collapse plot runs/paper", "  collapse plot runs/paper --metric kl_divergence --metric max_probability --log-y"})
final class PlotCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "A folder that collapse discrete or collapse gaussian wrote.")
    Path dir;

    @Option(names = "--metric", paramLabel = "NAME", description = "Metric to draw, repeatable (default: the run's usual plots); any column of summary.csv.")
    List<String> metrics;

    @Mixin
    PlotScaleOptions scale;

    @Override
    public Integer call() throws IOException {
        final Plots.Scale y = scale.scale();
        final Path manifestFile = dir.resolve(OutputDirectory.MANIFEST);
        final Map<String, Object> manifest = OutputDirectory.ownManifest("DIR", dir, dir, "collapse plot draws into a folder that collapse wrote, and ");
        final List<?> listed = (List<?>) manifest.get("files");
        final RunFiles run = RunFiles.read(dir, null);
        if (run.last() == 0) {
            throw new BadInputException("DIR", dir, "holds a run of 0 generations: a single point per metric, nothing to plot");
        }
        final List<Plots.Metric> chosen = new ArrayList<>();
        // By default the usual plots of the metrics the run measured (--metrics may have left some out).
        for (String name : metrics != null ? metrics : Plots.defaults(run.model()).stream().map(Plots.Metric::name)
                .filter(run.metrics()::contains).toList()) {
            if (!run.metrics().contains(name)) {
                throw new BadInputException("--metric", name, "is not a metric of this run; it has " + String.join(", ", run.metrics()));
            }
            final String file = name + ".png";
            if (Files.exists(dir.resolve(file)) && !listed.contains(file)) {
                throw new BadInputException("--metric", name, dir.resolve(file) + " exists and collapse did not write it; it is left alone");
            }
            chosen.add(Plots.metric(run.model(), name));
        }
        final List<String> written = Plots.draw(dir, run, chosen, y);
        final TreeSet<String> files = new TreeSet<>();
        listed.forEach(f -> files.add(String.valueOf(f)));
        files.addAll(written);
        manifest.put("files", List.copyOf(files));
        final Path partial = dir.resolve("." + OutputDirectory.MANIFEST + ".partial");
        ResultFiles.manifest(partial, manifest);
        Files.move(partial, manifestFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("drew " + String.join(", ", written) + " in " + dir);
        return 0;
    }
}
