package org.modelcollapse.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.modelcollapse.discrete.DiscreteChain;
import org.modelcollapse.discrete.DiscreteSpec;
import org.modelcollapse.discrete.InitialDistribution;
import org.modelcollapse.experiment.ExperimentResult;
import org.modelcollapse.experiment.ExperimentSettings;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code collapse discrete}: the categorical (Wright–Fisher) collapse chain. */
@Command(name = "discrete", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = {"Recursive refitting of a categorical distribution over K states (the neutral Wright-Fisher chain).",
            "Writes summary.csv, checkpoints.csv, replicates.csv, manifest.json and PNG plots into --out."},
        footerHeading = "%nExamples:%n",
        footer = {"  collapse discrete --states 1000 --samples 1000 --generations 1000 --replicates 100 --out runs/paper",
            "  collapse discrete --states 10 --samples 100 --replicates 10000 --until-absorbed --out runs/absorb",
            "  collapse discrete --init zipf --zipf-exponent 1.1 --regime mix --alpha 0.9 --gamma 0.1 --out runs/fresh",
            "  collapse discrete --init file --init-file counts.txt --regime accumulate --out runs/acc"})
final class DiscreteCommand implements Callable<Integer> {
    @Option(names = "--states", paramLabel = "K", description = "Number of states K (default: ${DEFAULT-VALUE}; from the file with --init file).", defaultValue = "1000")
    int states;

    @Option(names = "--init", paramLabel = "KIND", description = "Initial distribution: uniform, zipf or file (default: ${DEFAULT-VALUE}).", defaultValue = "uniform")
    String init;

    @Option(names = "--zipf-exponent", paramLabel = "S", description = "Zipf exponent s, q_j ~ (j+1)^-s (default: ${DEFAULT-VALUE}).", defaultValue = "1.0")
    double zipfExponent;

    @Option(names = "--init-file", paramLabel = "PATH", description = "Probabilities or counts, one per state, for --init file.")
    Path initFile;

    /** Default sample size M. */
    static final int DEFAULT_SAMPLES = 1000;

    @Option(names = "--samples", paramLabel = "M", description = "Sample size M per generation (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + DEFAULT_SAMPLES)
    int samples;

    @Option(names = "--regime", paramLabel = "NAME", description = "replace, mix, accumulate or accumulate-subsample (default: ${DEFAULT-VALUE}).", defaultValue = "replace")
    String regime;

    @Option(names = "--alpha", paramLabel = "SHARE", description = "mix: share of points from the current model (default: 1 - beta - gamma).")
    Double alpha;

    @Option(names = "--beta", paramLabel = "SHARE", description = "mix: share resampled from the previous generation's data (default: 0).")
    Double beta;

    @Option(names = "--gamma", paramLabel = "SHARE", description = "mix: share of fresh points from the original distribution (default: 0.1).")
    Double gamma;

    @Option(names = "--smoothing", paramLabel = "k", description = "Add-k smoothing at each fit (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    double smoothing;

    @Option(names = "--mode", paramLabel = "MODE", description = "exact (multinomial counts), samples (M draws) or auto (default: ${DEFAULT-VALUE}).", defaultValue = "auto")
    String mode;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws IOException {
        final DiscreteSpec spec = spec();
        final ExperimentSettings settings = run.settings();
        final OutputDirectory output = OutputDirectory.prepare(run.out, run.force);
        final ExperimentResult result = ExperimentRun.runAndWrite("discrete", output, rng -> DiscreteChain.create(spec, rng),
                DiscreteChain.METRICS, settings, run.seedDrawn(), parameters(spec), run.noPlots ? null : (dir, r) -> {
                    Plots.meanWithBand(dir.resolve("alive_states.png"), r, "alive_states", "alive states", "Alive states (mean ± 2 SE)", null);
                    Plots.meanWithBand(dir.resolve("entropy.png"), r, "entropy", "entropy (nats)", "Shannon entropy (mean ± 2 SE)", null);
                    Plots.meanWithBand(dir.resolve("lost_mass.png"), r, "lost_mass", "lost original mass", "Original mass lost (mean ± 2 SE)", null);
                });
        printSummary(result, output.target());
        return 0;
    }

    private DiscreteSpec spec() {
        final InitialDistribution q = switch (init) {
            case "uniform" -> {
                requireAtLeast("--states", states, 1);
                yield InitialDistribution.uniform(states);
            }
            case "zipf" -> {
                requireAtLeast("--states", states, 1);
                if (!(zipfExponent >= 0) || Double.isInfinite(zipfExponent)) {
                    throw new BadInputException("--zipf-exponent", zipfExponent, "must be finite and >= 0");
                }
                yield InitialDistribution.zipf(states, zipfExponent);
            }
            case "file" -> {
                if (initFile == null) {
                    throw new BadInputException("--init file needs --init-file PATH");
                }
                yield InitialDistributionFile.read(initFile);
            }
            default -> throw new BadInputException("--init", init, "allowed are uniform, zipf, file");
        };
        requireAtLeast("--samples", samples, 1);
        final SampleSizeSchedule sizes = run.schedule(samples);
        final Regime r = RegimeOptions.parse(regime, alpha, beta, gamma);
        if (!(smoothing >= 0) || Double.isInfinite(smoothing)) {
            throw new BadInputException("--smoothing", smoothing, "must be finite and >= 0");
        }
        final SamplingMode m = switch (mode) {
            case "exact" -> SamplingMode.EXACT;
            case "samples" -> SamplingMode.SAMPLES;
            case "auto" -> SamplingMode.AUTO;
            default -> throw new BadInputException("--mode", mode, "allowed are exact, samples, auto");
        };
        return new DiscreteSpec(q, sizes, r, smoothing, m);
    }

    private static void requireAtLeast(String option, int value, int min) {
        if (value < min) {
            throw new BadInputException(option, value, "must be >= " + min);
        }
    }

    private Map<String, Object> parameters(DiscreteSpec spec) {
        final Map<String, Object> params = new LinkedHashMap<>();
        params.put("states", spec.initial().states());
        params.put("init", spec.initial().toString());
        params.put("init_file", initFile == null ? null : initFile.toString());
        params.put("samples", samples);
        params.put("schedule", spec.schedule().toString());
        params.put("regime", spec.regime().kind().label());
        params.put("alpha", spec.regime().alpha());
        params.put("beta", spec.regime().beta());
        params.put("gamma", spec.regime().gamma());
        params.put("smoothing", spec.smoothing());
        params.put("mode", spec.mode().label());
        return params;
    }

    private static void printSummary(ExperimentResult r, Path dir) {
        final int alive = r.metricNames().indexOf("alive_states");
        final int entropy = r.metricNames().indexOf("entropy");
        final int lost = r.metricNames().indexOf("lost_mass");
        final int absorbed = r.metricNames().indexOf("absorbed");
        System.out.printf(Locale.ROOT, "%10s %14s %12s %12s %10s%n", "generation", "alive states", "entropy", "lost mass", "absorbed");
        for (int g : r.checkpointGenerations()) {
            System.out.printf(Locale.ROOT, "%10d %14.4g %12.4g %12.4g %10.4g%n", g, r.statistics().mean(g, alive),
                    r.statistics().mean(g, entropy), r.statistics().mean(g, lost), r.statistics().mean(g, absorbed));
        }
        ExperimentRun.printRate(r, dir);
    }
}
