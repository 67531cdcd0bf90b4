package org.modelcollapse.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelcollapse.experiment.ExperimentResult;
import org.modelcollapse.experiment.ExperimentSettings;
import org.modelcollapse.experiment.MemoryEstimate;
import org.modelcollapse.kde.BandwidthRule;
import org.modelcollapse.kde.KdeChain;
import org.modelcollapse.kde.KdeSpec;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.UserPoints;
import org.modelcollapse.process.SampleSizeSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code collapse kde}: Gaussian kernel density estimates refitted on their own samples (Kazdan et al. 2024). */
@Command(name = "kde", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = {"Recursive refitting of a Gaussian kernel density estimate (Kazdan et al. 2024, arXiv 2410.16713): each generation's",
            "model is the KDE with bandwidth h on its data, and the next data are M draws from it (a data point picked uniformly plus",
            "h N(0, I)). Default original: N(0, I_2). Metrics: held-out NLL, the centres' variance and mean's squared distance, h.",
            "Writes summary.csv, checkpoints.csv, replicates.csv, manifest.json and PNG plots into --out. The KDE needs its points:",
            "--mode is samples (auto means samples; exact is refused). The formulas: docs/theory.md, KDE."},
        footerHeading = "%nExamples:%n",
        footer = {"  collapse kde --generations 50 --replicates 200 --out runs/kde",
            "  collapse kde --bandwidth-rule scott --regime accumulate --out runs/scott",
            "  collapse kde --data points.csv --bandwidth 0.2 --out runs/data"})
final class KdeCommand implements ExperimentCommand {
    /** Default dimension d. */
    static final int DEFAULT_DIM = 2;
    /**
     * Default fixed bandwidth: with the default p_0 = N(0, I_2) and M = 1000 each draw adds h^2 = 1% of p_0's variance while a
     * refit loses 1/M of it, so K1's fixed point (M - 1) h^2 ~ 10 is approached only over ~M generations: both the drift of the
     * spread and the mean's random walk show in a run of tens to hundreds of generations. (Scott's rule here gives 0.32.)
     */
    static final double DEFAULT_BANDWIDTH = 0.1;
    /** Default sample size M. */
    static final int DEFAULT_SAMPLES = 1000;
    /** Default held-out count without --data. */
    static final int DEFAULT_HELDOUT = 1000;

    @Spec
    CommandSpec command;

    @Option(names = "--dim", paramLabel = "d", converter = Converters.Positive.class,
            description = "Dimension d (default: 2; with --original-means, their count per component; with --data, the points').")
    Integer dim;

    @Option(names = "--bandwidth", paramLabel = "h", description = "Fixed bandwidth h > 0 (default: " + DEFAULT_BANDWIDTH + "; not with a rule).")
    Double bandwidth;

    @Option(names = "--bandwidth-rule", paramLabel = "RULE", description = "fixed, scott (h = s n^(-1/(d+4))) or silverman "
            + "(h = s (4/((d+2) n))^(1/(d+4))), s^2 the fitted data's mean unbiased per-coordinate variance, recomputed each generation "
            + "(scipy's gaussian_kde factors times s; scikit-learn's are the bare factors) (default: ${DEFAULT-VALUE}).", defaultValue = "fixed")
    String rule;

    @Option(names = "--original-weights", paramLabel = "LIST", description = "p_0's weights, comma-separated (default: one component, weight 1).")
    String originalWeights;

    @Option(names = "--original-means", paramLabel = "LIST", description = "p_0's means, d values per component (default: 0).")
    String originalMeans;

    @Option(names = "--original-covariances", paramLabel = "LIST", description = "p_0's covariances, d x d row-major per component (default: I).")
    String originalCovariances;

    @Option(names = "--data", paramLabel = "PATH", description = "The user's points as the original, one per row (comma- or space-separated, "
            + "an optional header row); sets d. Generation 0 (and 1) is the KDE on D_0; mix resamples its fresh share from D_0.")
    Path dataFile;

    @Option(names = "--samples", paramLabel = "M", converter = Converters.Positive.class,
            description = "Sample size M per generation (default: " + DEFAULT_SAMPLES + "; with --data, its training points).")
    Integer samplesOption;

    @Option(names = "--heldout", paramLabel = "H", converter = Converters.Positive.class,
            description = "Held-out original points per replicate, drawn from p_0 at generation 0 (default: " + DEFAULT_HELDOUT + "; with --data, "
                    + "a fifth of its points, chosen at random by a stream of the root seed, and the rest are D_0).")
    Integer heldOutOption;

    @Mixin
    RegimeOptions regimeOptions;

    @Mixin
    RunOptions run;

    @Override
    public RunOptions runOptions() {
        return run;
    }

    @Override
    public ExperimentRun.Plan plan() throws IOException {
        run.scale();
        final BandwidthRule bandwidthRule = bandwidthRule();
        final double h = checkedBandwidth(bandwidthRule);
        final List<double[]> rows = dataFile == null ? null : readDataRows();
        final int heldOut = rows != null ? UserPointsFile.heldOutCount(rows.size(), heldOutOption, 2, "2", dataFile)
                : heldOutOption != null ? heldOutOption : DEFAULT_HELDOUT;
        final int samples = samplesOption != null ? samplesOption : rows != null ? rows.size() - heldOut : DEFAULT_SAMPLES;
        if (bandwidthRule != BandwidthRule.FIXED && samples < 2) {
            throw new BadInputException("--samples", samples, "must be >= 2 with --bandwidth-rule " + rule + ": the rule needs a variance");
        }
        final SampleSizeSchedule sizes = run.schedule(samples);
        final ExperimentSettings settings = run.settings(sizes);
        final Regime r = regimeOptions.regime();
        regimeOptions.refuseExact("kernel density estimates: the KDE needs its points");
        final KdeSpec base = original(h, bandwidthRule, sizes, r, heldOut);
        final KdeSpec spec = rows == null ? base : base.withData(UserPointsFile.split(rows, heldOut, settings.seed(), dataFile));
        final MemoryEstimate estimate = new MemoryEstimate();
        KdeChain.estimate(spec, settings.generations(), Math.min(settings.threads(), settings.replicates()), estimate);
        final List<String> metrics = KdeChain.metricNames(spec);
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("--samples", samples);
        values.put("--replicates", settings.replicates());
        values.put("--generations", settings.generations());
        values.put("--heldout", heldOut);
        final ExperimentRun.Memory memory = ExperimentRun.requireMemory(estimate, settings, sizes, metrics.size(), values);
        final UserPoints data = spec.data();
        final ExperimentRun.Plan plan = new ExperimentRun.Plan(command.qualifiedName(), "kde", rng -> KdeChain.create(spec, rng), metrics,
                settings, run.seedDrawn(), parameters(spec, samples), memory, KdeChain.canAbsorb(spec) ? null
                        : "a KDE with a fixed h > 0 whose draws are refitted, or with fresh original points, never becomes a single point",
                data == null ? List.of() : List.of(UserPointsFile.note(data, dataFile, "the KDE on D_0")), null);
        return plan;
    }

    @Override
    public void report(ExperimentResult result, Path dir) {
        ExperimentRun.printMeans(result, dir, "heldout_nll", "held-out NLL", "data_variance", "variance",
                "mean_sq_distance", "|m - mu_0|^2", "bandwidth", "h");
    }

    private BandwidthRule bandwidthRule() {
        return switch (rule) {
            case "fixed" -> BandwidthRule.FIXED;
            case "scott" -> BandwidthRule.SCOTT;
            case "silverman" -> BandwidthRule.SILVERMAN;
            default -> throw new BadInputException("--bandwidth-rule", rule, "allowed are fixed, scott, silverman");
        };
    }

    /** @return the fixed h, or NaN for a rule (which --bandwidth would contradict) */
    private double checkedBandwidth(BandwidthRule bandwidthRule) {
        if (bandwidthRule != BandwidthRule.FIXED) {
            if (bandwidth != null) {
                throw new BadInputException("--bandwidth", bandwidth, "contradicts --bandwidth-rule " + rule
                        + ", which chooses h each generation (drop one of them)");
            }
            return Double.NaN;
        }
        final double h = bandwidth != null ? bandwidth : DEFAULT_BANDWIDTH;
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new BadInputException("--bandwidth", h, "must be finite and > 0");
        }
        return h;
    }

    /** @return --data's points, checked: one row each, all of the same dimension (and --dim's, if given) */
    private List<double[]> readDataRows() {
        if (originalWeights != null || originalMeans != null || originalCovariances != null) {
            throw new BadInputException("--data is the original: do not combine it with --original-weights/-means/-covariances");
        }
        return UserPointsFile.read(dataFile, dim);
    }

    /** The spec with p_0 from --original-weights/-means/-covariances (one component N(0, I_d) by default). */
    private KdeSpec original(double h, BandwidthRule bandwidthRule, SampleSizeSchedule sizes, Regime r, int heldOut) {
        final MixtureLists lists = MixtureLists.parse(originalWeights, originalMeans, originalCovariances, dim, DEFAULT_DIM);
        try {
            return new KdeSpec(lists.dim(), h, bandwidthRule, lists.weights(), lists.means(), lists.covariances(), sizes, r, heldOut, null);
        } catch (IllegalArgumentException e) {
            throw MixtureLists.refused(e);
        }
    }

    private Map<String, Object> parameters(KdeSpec spec, int samples) {
        final Map<String, Object> params = new LinkedHashMap<>();
        params.put("dim", spec.dim());
        params.put("bandwidth_rule", spec.rule().label());
        if (spec.rule() == BandwidthRule.FIXED) {
            params.put("bandwidth", spec.bandwidth());
        }
        MixtureLists.describeOriginal(spec.data(), dataFile, spec.weights(), spec.means(), spec.covariances(), params);
        params.put("samples", samples);
        RunOptions.describe(spec.samples(), params);
        RegimeOptions.describe(spec.regime(), params);
        params.put("heldout", spec.heldOut());
        params.put("mode", "samples");
        return params;
    }
}
