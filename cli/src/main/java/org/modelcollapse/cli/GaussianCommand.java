package org.modelcollapse.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.rng.simple.RandomSource;
import org.modelcollapse.experiment.ExperimentResult;
import org.modelcollapse.experiment.ExperimentSettings;
import org.modelcollapse.experiment.MemoryEstimate;
import org.modelcollapse.gaussian.Covariances;
import org.modelcollapse.gaussian.Estimator;
import org.modelcollapse.gaussian.GaussianChain;
import org.modelcollapse.gaussian.GaussianSpec;
import org.modelcollapse.gaussian.OriginalData;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code collapse gaussian}: the multivariate Gaussian collapse chain. */
@Command(name = "gaussian", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = {"Recursive refitting of a d-dimensional Gaussian: mean and covariance re-estimated from M points each generation.",
            "Writes summary.csv, checkpoints.csv, replicates.csv, manifest.json and PNG plots (W2^2, tr Sigma, ln det Sigma) into --out.",
            "--mode: exact draws each generation's mean and Bartlett-Wishart scatter (O(d^3), any M); samples draws the M points",
            "(O(M d^2)); auto is exact, but mix with --beta > 0 and accumulate-subsample keep the points (samples mode).",
            "The closed forms it is checked against: docs/theory.md."},
        footerHeading = "%nExamples:%n",
        footer = {"  collapse gaussian --dim 2 --samples 100 --generations 2000 --replicates 100 --out runs/gauss",
            "  collapse gaussian --dim 32 --samples 1000 --cov random --condition 1000 --mode exact --out runs/d32",
            "  collapse gaussian --dim 1 --samples 10 --estimator mle --generations 200 --out runs/mle",
            "  collapse gaussian --dim 3 --cov file --cov-file sigma.txt --mean 1,0,-1 --out runs/file",
            "  collapse gaussian --data points.csv --regime mix --gamma 0.1 --samples 500 --out runs/data",
            "",
            "Memory: the run's memory is estimated before it starts, and a run too large for the JVM is refused.",
            "Raise the JVM's limit with the environment variable JAVA_OPTS, e.g. JAVA_OPTS=-Xmx20g collapse gaussian ..."})
final class GaussianCommand implements ExperimentCommand {
    /** Seed offset of the stream that draws a random Sigma_0 (independent of the replicates' streams). */
    private static final long COVARIANCE_STREAM = 0x5167_0a00_c0f1L;
    /** Default dimension d. */
    static final int DEFAULT_DIM = 2;
    /** Default condition number of --cov random. */
    static final double DEFAULT_CONDITION = 100;

    @Spec
    CommandSpec command;

    @Option(names = "--dim", paramLabel = "d", converter = Converters.Positive.class, description = "Dimension d (default: 2; with --data, the data's).")
    Integer dim;

    @Option(names = "--mean", paramLabel = "LIST", description = "Original mean mu_0, d comma-separated values (default: 0).")
    String mean;

    @Option(names = "--cov", paramLabel = "KIND", description = "Original covariance Sigma_0: identity, diagonal, random or file (default: ${DEFAULT-VALUE}).", defaultValue = "identity")
    String cov;

    @Option(names = "--variances", paramLabel = "LIST", description = "--cov diagonal: the d variances, comma-separated.")
    String variances;

    @Option(names = "--condition", paramLabel = "K", description = "--cov random: condition number of the random SPD matrix (default: 100).")
    Double condition;

    @Option(names = "--cov-file", paramLabel = "PATH", description = "--cov file: d rows of d numbers.")
    Path covFile;

    @Option(names = "--data", paramLabel = "PATH", description = "The original data D_0 as points, one per row (comma- or space-separated, an optional header row); sets d, mu_0 and Sigma_0; mix resamples its fresh share from these points.")
    Path dataFile;

    @Option(names = "--samples", paramLabel = "M", converter = Converters.AtLeastTwo.class,
            description = "Sample size M per generation, >= 2: a covariance needs two points (default: ${DEFAULT-VALUE}).", defaultValue = "100")
    int samples;

    @Option(names = "--estimator", paramLabel = "KIND", description = "Covariance estimator: unbiased (M - 1) or mle (M) (default: ${DEFAULT-VALUE}).", defaultValue = "unbiased")
    String estimator;

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
        checkCombinations();
        run.scale();
        final SampleSizeSchedule sizes = run.schedule(samples);
        final ExperimentSettings settings = run.settings(sizes);
        final OriginalData data = dataFile == null ? null : readData();
        if (data != null && dim != null && dim != data.dim()) {
            throw new BadInputException("--dim", dim, "contradicts --data " + dataFile + ", whose points have " + data.dim()
                    + " coordinates (drop --dim: d comes from the data)");
        }
        final int d = data != null ? data.dim() : dim != null ? dim : DEFAULT_DIM;
        final Regime r = regimeOptions.regime();
        final SamplingMode m = regimeOptions.mode();
        // The memory check comes before Sigma_0 is built: at large d it is the largest input.
        final MemoryEstimate estimate = new MemoryEstimate();
        GaussianChain.estimate(d, GaussianSpec.resolve(m, r), r, sizes, data == null ? 0 : data.count(), settings.generations(),
                Math.min(settings.threads(), settings.replicates()), estimate);
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("--dim", d);
        values.put("--samples", samples);
        values.put("--replicates", settings.replicates());
        values.put("--generations", settings.generations());
        values.put("--data", dataFile);
        final ExperimentRun.Memory memory = ExperimentRun.requireMemory(estimate, settings, sizes, GaussianChain.METRICS.size(), values);
        final GaussianSpec spec = spec(settings.seed(), sizes, data, d, r, m);
        final List<String> notes = spec.data() == null ? List.of() : List.of(String.format(Locale.ROOT,
                "data: %d points in %d dimensions from %s are D_0%s; generation 1 is their mean and covariance%s", spec.data().count(), spec.dim(),
                dataFile, dataHeader == null ? "" : " (header row skipped: " + dataHeader + ")", spec.regime().kind() == Regime.Kind.MIX
                        ? "; the fresh share is resampled from these points, model points are drawn in " + spec.resolvedMode().label() + " mode" : ""));
        final ExperimentRun.Plan plan = new ExperimentRun.Plan(command.qualifiedName(), "gaussian", rng -> GaussianChain.create(spec, rng),
                GaussianChain.METRICS, settings, run.seedDrawn(), parameters(spec), memory,
                GaussianChain.canAbsorb(spec) ? null : "a Gaussian fitted to data that include points drawn from a model, or fresh original points, "
                        + "never has a covariance of exactly zero (it tends to 0 only in the limit, Theorem 3.1); only --regime mix --alpha 0 "
                        + "--gamma 0, which resamples the previous data alone, can absorb", notes, null);
        return plan;
    }

    /** Options that apply only with others, checked before anything is read or built. */
    private void checkCombinations() {
        if (variances != null && !"diagonal".equals(cov)) {
            throw new BadInputException("--variances", variances, "applies to --cov diagonal only, not to --cov " + cov);
        }
        if (covFile != null && !"file".equals(cov)) {
            throw new BadInputException("--cov-file", covFile, "applies to --cov file only, not to --cov " + cov + " (add --cov file)");
        }
        if (condition != null && !"random".equals(cov)) {
            throw new BadInputException("--condition", condition, "applies to --cov random only, not to --cov " + cov);
        }
        if (dataFile != null && (mean != null || !"identity".equals(cov))) {
            throw new BadInputException("--data sets mu_0 and Sigma_0: do not combine it with --mean or --cov");
        }
        if (!java.util.Set.of("identity", "diagonal", "random", "file").contains(cov)) {
            throw new BadInputException("--cov", cov, "allowed are identity, diagonal, random, file");
        }
    }

    private GaussianSpec spec(long rootSeed, SampleSizeSchedule sizes, OriginalData data, int d, Regime r, SamplingMode m) {
        final double[] mu = mean == null ? new double[d] : NumberListFile.parse("--mean", mean);
        if (mu.length != d) {
            throw new BadInputException("--mean", mean, "must hold d = " + d + " values, not " + mu.length);
        }
        final double[] sigma = switch (cov) {
            case "identity" -> data != null ? null : Covariances.identity(d);
            case "diagonal" -> {
                if (variances == null) {
                    throw new BadInputException("--cov diagonal needs --variances LIST");
                }
                final double[] v = NumberListFile.parse("--variances", variances);
                if (v.length != d) {
                    throw new BadInputException("--variances", variances, "must hold d = " + d + " values, not " + v.length);
                }
                for (double x : v) {
                    if (!(x > 0)) {
                        throw new BadInputException("--variances", variances, "must all be > 0");
                    }
                }
                yield Covariances.diagonal(v);
            }
            case "random" -> {
                final double k = condition != null ? condition : DEFAULT_CONDITION;
                if (!(k >= 1) || Double.isInfinite(k)) {
                    throw new BadInputException("--condition", k, "must be finite and >= 1");
                }
                yield Covariances.randomWithCondition(d, k, RandomSource.L64_X128_MIX.create(rootSeed ^ COVARIANCE_STREAM));
            }
            case "file" -> {
                if (covFile == null) {
                    throw new BadInputException("--cov file needs --cov-file PATH");
                }
                yield matrixFromFile(d);
            }
            default -> throw new BadInputException("--cov", cov, "allowed are identity, diagonal, random, file");
        };
        final Estimator e = switch (estimator) {
            case "unbiased" -> Estimator.UNBIASED;
            case "mle" -> Estimator.MLE;
            default -> throw new BadInputException("--estimator", estimator, "allowed are unbiased, mle");
        };
        try {
            return data != null ? new GaussianSpec(d, new double[d], Covariances.identity(d), sizes, r, e, m, data)
                    : new GaussianSpec(d, mu, sigma, sizes, r, e, m, null);
        } catch (IllegalArgumentException ex) {
            final String source = ex.getMessage().startsWith("regime") ? "--mode " + regimeOptions.mode
                    : data != null ? "--data " + dataFile : cov.equals("file") ? "--cov-file " + covFile : "--cov " + cov;
            throw new BadInputException(source + ": " + ex.getMessage());
        }
    }

    /** The header row of --data, if its first row was one; for the note the run prints. */
    private String dataHeader;

    private OriginalData readData() {
        final NumberListFile.Rows read = NumberListFile.read("--data", dataFile);
        dataHeader = read.header();
        final List<double[]> rows = read.rows();
        final int d = read.width("--data", dataFile, "point");
        final double[] points = new double[rows.size() * d];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, points, i * d, d);
        }
        try {
            return new OriginalData(rows.size(), d, points);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--data " + dataFile + ": " + e.getMessage());
        }
    }

    private double[] matrixFromFile(int dim) {
        final List<double[]> rows = NumberListFile.read("--cov-file", covFile).rows();
        if (rows.size() != dim) {
            throw new BadInputException("--cov-file " + covFile + ": holds " + rows.size() + " rows, --dim is " + dim);
        }
        final double[] sigma = new double[dim * dim];
        for (int i = 0; i < dim; i++) {
            if (rows.get(i).length != dim) {
                throw new BadInputException("--cov-file " + covFile + " row " + (i + 1) + ": holds " + rows.get(i).length + " numbers, --dim is " + dim);
            }
            System.arraycopy(rows.get(i), 0, sigma, i * dim, dim);
        }
        return sigma;
    }

    private Map<String, Object> parameters(GaussianSpec spec) {
        final Map<String, Object> params = new LinkedHashMap<>();
        params.put("dim", spec.dim());
        params.put("mean", spec.mean());
        params.put("cov", spec.data() != null ? "from data" : cov);
        params.put("condition", cov.equals("random") ? (condition != null ? condition : DEFAULT_CONDITION) : null);
        params.put("cov_file", covFile == null ? null : covFile.toString());
        params.put("data", dataFile == null ? null : dataFile.toString());
        params.put("data_points", spec.data() == null ? null : spec.data().count());
        params.put("data_header", dataHeader);
        params.put("covariance", spec.covariance());
        params.put("samples", samples);
        RunOptions.describe(spec.samples(), params);
        RegimeOptions.describe(spec.regime(), params);
        params.put("estimator", spec.estimator().name().toLowerCase(Locale.ROOT));
        params.put("mode", spec.resolvedMode().label());
        return params;
    }

    @Override
    public void report(ExperimentResult r, Path dir) {
        ExperimentRun.printMeans(r, dir, "w2_squared", "W2^2", "trace", "tr Sigma", "log_det", "ln det Sigma",
                "mean_sq_distance", "|mu - mu_0|^2");
    }
}
