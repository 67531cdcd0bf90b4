package org.modelcollapse.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelcollapse.experiment.ExperimentResult;
import org.modelcollapse.experiment.ExperimentSettings;
import org.modelcollapse.experiment.MemoryEstimate;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;
import org.modelcollapse.regression.Design;
import org.modelcollapse.regression.RegressionChain;
import org.modelcollapse.regression.RegressionSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code collapse regression}: linear regression refitted on the previous model's labels. */
@Command(name = "regression", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = {"Linear regression refitted on its own labels (Gerstgrasser et al. 2024; Kazdan et al. 2024; Dey & Donoho 2024):",
            "T rows x ~ N(0, Sigma_x) per generation, labels y = x^T w_prev + sigma eps, w_prev = w* at the first fit, refitted by least",
            "squares (OLS; ridge; or the minimum-norm solution). Generation t is the t-th fit, the first on real labels.",
            "--mode exact draws each generation's statistics X^T X and X^T y directly (O(d^2) per generation with a fixed design,",
            "O(d^3) with a fresh one, whatever T); samples builds the rows and solves by QR; auto is exact unless the regime or",
            "the fit needs the rows (accumulate-subsample, mix with --beta > 0, --min-norm).",
            "Writes summary.csv, checkpoints.csv, replicates.csv, manifest.json and PNG plots into --out.",
            "The metrics and their closed forms: docs/theory.md."},
        footerHeading = "%nExamples:%n",
        footer = {"  collapse regression --dim 10 --samples 100 --generations 100 --replicates 100 --out runs/replace",
            "  collapse regression --dim 10 --samples 100 --regime accumulate --out runs/accumulate",
            "  collapse regression --dim 10 --samples 100 --regime accumulate-subsample --out runs/subsample",
            "  collapse regression --dim 50 --samples 20 --min-norm --design fresh --noise-variance 0 --out runs/overparameterised",
            "",
            "Memory: the run's memory is estimated before it starts, and a run too large for the JVM is refused.",
            "Raise the JVM's limit with the environment variable JAVA_OPTS, e.g. JAVA_OPTS=-Xmx20g collapse regression ..."})
final class RegressionCommand implements ExperimentCommand {
    @Spec
    CommandSpec command;

    @Option(names = "--dim", paramLabel = "d", converter = Converters.Positive.class, description = "Features d (default: ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int dim;

    @Option(names = "--samples", paramLabel = "T", converter = Converters.Positive.class,
            description = "Rows T per generation (default: ${DEFAULT-VALUE}); OLS needs T >= d + 2.", defaultValue = "1000")
    int samples;

    @Option(names = "--noise-variance", paramLabel = "S2", description = "Label noise sigma^2 >= 0 (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    double noiseVariance;

    @Option(names = "--design", paramLabel = "KIND", description = "fixed (one design X per replicate, the same every generation) or fresh "
            + "(new rows every generation) (default: ${DEFAULT-VALUE}).", defaultValue = "fixed")
    String design;

    @Option(names = "--design-covariance", paramLabel = "LIST", description = "Sigma_x, d x d row-major, symmetric positive definite (default: I).")
    String designCovariance;

    @Option(names = "--true-weights", paramLabel = "LIST", description = "w*, d values (default: drawn N(0, I_d) per replicate).")
    String trueWeights;

    @Option(names = "--ridge", paramLabel = "LAMBDA", description = "Ridge penalty: minimise ||y - X w||^2 + lambda ||w||^2 (default: "
            + "${DEFAULT-VALUE}, OLS).", defaultValue = "0")
    double ridge;

    @Option(names = "--min-norm", description = "Refit by the minimum-norm least-squares solution X^+ y, for T < d (over-parameterised).")
    boolean minimumNorm;

    @Option(names = "--test-points", paramLabel = "H", converter = Converters.NonNegative.class,
            description = "Held-out labelled points per replicate for the metric test_mse (default: ${DEFAULT-VALUE}, none).", defaultValue = "0")
    int testPoints;

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
        final SampleSizeSchedule sizes = run.schedule(samples);
        final ExperimentSettings settings = run.settings(sizes);
        final RegressionSpec spec = spec(sizes, regimeOptions.regime(), regimeOptions.mode());
        final MemoryEstimate estimate = new MemoryEstimate();
        RegressionChain.estimate(spec, settings.generations(), Math.min(settings.threads(), settings.replicates()), estimate);
        final List<String> metrics = RegressionChain.metricNames(spec);
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("--samples", samples);
        values.put("--replicates", settings.replicates());
        values.put("--generations", settings.generations());
        final ExperimentRun.Memory memory = ExperimentRun.requireMemory(estimate, settings, sizes, metrics.size(), values);
        final ExperimentRun.Plan plan = new ExperimentRun.Plan(command.qualifiedName(), "regression", rng -> RegressionChain.create(spec, rng),
                metrics, settings, run.seedDrawn(), parameters(spec), memory,
                "a regression chain is never absorbed: noise moves its weights, and noise-free refits reproduce them only up to rounding",
                List.of(), null);
        return plan;
    }

    @Override
    public void report(ExperimentResult result, Path dir) {
        ExperimentRun.printMeans(result, dir, "excess_risk", "excess risk", "step_norm", "step");
    }

    private RegressionSpec spec(SampleSizeSchedule sizes, Regime regime, SamplingMode mode) {
        final Design kind = switch (design) {
            case "fixed" -> Design.FIXED;
            case "fresh" -> Design.FRESH;
            default -> throw new BadInputException("--design", design, "allowed are fixed, fresh");
        };
        if (!(noiseVariance >= 0) || Double.isInfinite(noiseVariance)) {
            throw new BadInputException("--noise-variance", noiseVariance, "must be finite and >= 0");
        }
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new BadInputException("--ridge", ridge, "must be finite and >= 0");
        }
        if (minimumNorm && ridge > 0) {
            throw new BadInputException("--ridge", ridge, "does not combine with --min-norm (the minimum-norm fit has no penalty)");
        }
        if (ridge == 0 && !minimumNorm && samples < dim + 2) {
            throw new BadInputException("--samples", samples, "must be >= d + 2 = " + (dim + 2) + " for OLS (the first fit's expected excess "
                    + "risk sigma^2 d/(T - d - 1) is finite only then); use --min-norm or --ridge for fewer rows");
        }
        if (kind == Design.FIXED && sizes.grows()) {
            throw new BadInputException("--design fixed has the same T rows every generation: it needs a constant --samples schedule (use --design fresh)");
        }
        if (mode == SamplingMode.EXACT && RegressionSpec.exactUnavailable(regime, minimumNorm) != null) {
            throw new BadInputException("--mode", "exact", "is unavailable here: " + RegressionSpec.exactUnavailable(regime, minimumNorm));
        }
        final double[] w = trueWeights == null ? null : NumberListFile.parse("--true-weights", trueWeights);
        if (w != null && w.length != dim) {
            throw new BadInputException("--true-weights", trueWeights, "must hold d = " + dim + " values, not " + w.length);
        }
        final double[] sigma = designCovariance == null ? RegressionSpec.identity(dim) : NumberListFile.parse("--design-covariance", designCovariance);
        if (sigma.length != dim * dim) {
            throw new BadInputException("--design-covariance", designCovariance, "must hold d x d = " + dim * dim + " values, not " + sigma.length);
        }
        try {
            return new RegressionSpec(dim, kind, noiseVariance, ridge, minimumNorm, w, sigma, sizes, regime, mode, testPoints);
        } catch (IllegalArgumentException e) {
            final String option = e.getMessage().startsWith("design covariance") ? "--design-covariance"
                    : e.getMessage().startsWith("true weights") ? "--true-weights" : null;
            throw option == null ? new BadInputException(e.getMessage()) : new BadInputException(option, option.equals("--true-weights")
                    ? trueWeights : designCovariance, e.getMessage().replaceFirst("^(design covariance|true weights) ", ""));
        }
    }

    private Map<String, Object> parameters(RegressionSpec spec) {
        final Map<String, Object> params = new LinkedHashMap<>();
        params.put("dim", spec.dim());
        params.put("design", spec.design().label());
        params.put("noise_variance", spec.noiseVariance());
        params.put("ridge", spec.ridge());
        params.put("min_norm", spec.minimumNorm());
        params.put("true_weights", spec.trueWeights() == null ? "drawn N(0, I) per replicate" : spec.trueWeights());
        params.put("design_covariance", spec.designCovariance());
        params.put("samples", samples);
        RunOptions.describe(spec.samples(), params);
        RegimeOptions.describe(spec.regime(), params);
        params.put("mode", spec.resolvedMode().label());
        params.put("test_points", spec.testPoints());
        return params;
    }
}
