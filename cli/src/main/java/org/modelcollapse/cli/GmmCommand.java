package org.modelcollapse.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelcollapse.experiment.ExperimentResult;
import org.modelcollapse.experiment.ExperimentSettings;
import org.modelcollapse.experiment.MemoryEstimate;
import org.modelcollapse.gmm.CovarianceType;
import org.modelcollapse.gmm.Initialisation;
import org.modelcollapse.gmm.MixtureChain;
import org.modelcollapse.gmm.MixtureSpec;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.UserPoints;
import org.modelcollapse.process.SampleSizeSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code collapse gmm}: Gaussian mixtures refitted by EM, the paper's GMM experiment. */
@Command(name = "gmm", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = {"Recursive refitting of a Gaussian mixture by EM (scikit-learn's GaussianMixture: lower bound on the mean",
            "log-likelihood, convergence when it changes by less than --tol), each generation on M points drawn from the last fit.",
            "Defaults are the paper's setting (Shumailov et al. 2024): p_0 = N(0, I_2), k = 2 full covariances, tol 1e-5,",
            "at most 2000 iterations, reg 1e-6, k-means initialisation, M = 1000.",
            "Writes summary.csv, checkpoints.csv, replicates.csv, manifest.json and PNG plots into --out. EM needs the points:",
            "--mode is samples (auto means samples; exact is refused).",
            "The metrics and their formulas: docs/theory.md."},
        footerHeading = "%nExamples:%n",
        footer = {"  collapse gmm --generations 2050 --replicates 100 --out runs/paper-gmm",
            "  collapse gmm --components 1 --original-weights 0.5,0.5 --original-means -2,0,2,0 --original-covariances 1,0,0,1,1,0,0,1 --out runs/k1",
            "  collapse gmm --init warm --regime accumulate --out runs/warm",
            "  collapse gmm --data points.csv --components 3 --out runs/data",
            "",
            "Memory: the run's memory is estimated before it starts, and a run too large for the JVM is refused.",
            "Raise the JVM's limit with the environment variable JAVA_OPTS, e.g. JAVA_OPTS=-Xmx20g collapse gmm ..."})
final class GmmCommand implements ExperimentCommand {
    /** Default dimension d. */
    static final int DEFAULT_DIM = 2;

    @Spec
    CommandSpec command;

    @Option(names = "--dim", paramLabel = "d", converter = Converters.Positive.class,
            description = "Dimension d (default: 2; with --original-means, their count per component).")
    Integer dim;

    @Option(names = "--components", paramLabel = "k", converter = Converters.Positive.class,
            description = "Components k of the fitted mixture (default: ${DEFAULT-VALUE}).", defaultValue = "2")
    int components;

    @Option(names = "--covariance-type", paramLabel = "TYPE", description = "full, diag or spherical (default: ${DEFAULT-VALUE}).",
            defaultValue = "full")
    String covarianceType;

    @Option(names = "--init", paramLabel = "KIND", description = "EM's start each generation: kmeans (k-means++ seeding and Lloyd's "
            + "iterations, scikit-learn's default), k-means++ (the seeds alone), random (random responsibilities) or warm (the previous "
            + "generation's model) (default: ${DEFAULT-VALUE}).", defaultValue = "kmeans")
    String init;

    @Option(names = "--tol", paramLabel = "TOL", description = "EM stops when the lower bound changes by less (default: ${DEFAULT-VALUE}).",
            defaultValue = "1e-5")
    double tol;

    @Option(names = "--max-iter", paramLabel = "N", converter = Converters.Positive.class,
            description = "EM's iteration cap (default: ${DEFAULT-VALUE}).", defaultValue = "2000")
    int maxIter;

    @Option(names = "--reg-covar", paramLabel = "R", description = "Added to every covariance's diagonal (default: ${DEFAULT-VALUE}).",
            defaultValue = "1e-6")
    double regCovar;

    @Option(names = "--original-weights", paramLabel = "LIST", description = "p_0's weights, comma-separated (default: one component, weight 1).")
    String originalWeights;

    @Option(names = "--original-means", paramLabel = "LIST", description = "p_0's means, d values per component (default: 0).")
    String originalMeans;

    @Option(names = "--original-covariances", paramLabel = "LIST", description = "p_0's covariances, d x d row-major per component (default: I).")
    String originalCovariances;

    /** Default sample size M. */
    static final int DEFAULT_SAMPLES = 1000;

    @Option(names = "--samples", paramLabel = "M", converter = Converters.Positive.class,
            description = "Sample size M per generation, >= k (default: " + DEFAULT_SAMPLES + "; with --data, its training points).")
    Integer samplesOption;

    /** M, once resolved. */
    private int samples;

    @Option(names = "--heldout", paramLabel = "H", converter = Converters.Positive.class,
            description = "Held-out original points per replicate, for the negative log-likelihood (default: 1000; with --data, a fifth "
                    + "of its points, chosen at random by a stream of the root seed, and the rest are D_0).")
    Integer heldOutOption;

    /** The held-out count, once resolved. */
    private int heldOut;

    @Option(names = "--original", paramLabel = "PATH", description = "p_0 from a file: one component per row, its weight, its d mean values "
            + "and its d x d covariance row-major (1 + d + d^2 numbers; comma- or space-separated, an optional header row).")
    Path originalFile;

    @Option(names = "--data", paramLabel = "PATH", description = "The user's points as the original, one per row (comma- or space-separated, "
            + "an optional header row); sets d. Generation 0 is each replicate's EM fit to D_0 (p_0 of the L2 metrics); mix resamples "
            + "its fresh share from D_0.")
    Path dataFile;

    @Option(names = "--snapshots", paramLabel = "LIST", split = ",", converter = Converters.NonNegative.class,
            description = "Generations whose model replicate 0 pictures: M points drawn from it go to snapshots.csv and, in two or "
                    + "more dimensions, to snapshot-G.png (the first two coordinates); e.g. the paper's 0,50,100,150,200,350,2000.")
    List<Integer> snapshots;

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
        final List<double[]> rows = dataFile == null ? null : readDataRows();
        heldOut = rows != null ? UserPointsFile.heldOutCount(rows.size(), heldOutOption, Math.max(2, components),
                "max(2, --components " + components + ")", dataFile) : heldOutOption != null ? heldOutOption : DEFAULT_HELDOUT;
        samples = samplesOption != null ? samplesOption : rows != null ? rows.size() - heldOut : DEFAULT_SAMPLES;
        final SampleSizeSchedule sizes = run.schedule(samples);
        final ExperimentSettings settings = run.settings(sizes);
        final UserPoints data = rows == null ? null : UserPointsFile.split(rows, heldOut, settings.seed(), dataFile);
        final Regime r = regimeOptions.regime();
        regimeOptions.refuseExact("mixtures: EM needs the points");
        final MixtureSpec spec = data == null ? spec(sizes, r) : spec(sizes, r).withData(data);
        final MemoryEstimate estimate = new MemoryEstimate();
        MixtureChain.estimate(spec, settings.generations(), Math.min(settings.threads(), settings.replicates()), estimate);
        final List<String> metrics = MixtureChain.metricNames(spec);
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("--samples", samples);
        values.put("--replicates", settings.replicates());
        values.put("--generations", settings.generations());
        values.put("--heldout", heldOut);
        final ExperimentRun.Memory memory = ExperimentRun.requireMemory(estimate, settings, sizes, metrics.size(), values);
        final ExperimentRun.Plan plan = new ExperimentRun.Plan(command.qualifiedName(), "gmm", rng -> MixtureChain.create(spec, rng),
                metrics, settings, run.seedDrawn(), parameters(spec), memory, MixtureChain.canAbsorb(spec) ? null
                        : "a mixture refitted with --reg-covar > 0, or to data with fresh original points, never becomes a single point",
                data == null ? List.of() : List.of(UserPointsFile.note(data, dataFile, "each replicate's EM fit to D_0")),
                snapshots(spec, settings));
        return plan;
    }

    @Override
    public void report(ExperimentResult result, Path dir) {
        ExperimentRun.printMeans(result, dir, "l2_to_first", "L2^2 to gen 1", "l2_to_original",
                "L2^2 to p_0", "heldout_nll", "held-out NLL", "effective_components", "eff. components");
    }

    /** Default held-out count without --data. */
    static final int DEFAULT_HELDOUT = 1000;

    /** @return --data's points, checked: one row each, all of the same dimension (and --dim's, if given) */
    private List<double[]> readDataRows() {
        if (originalFile != null || originalWeights != null || originalMeans != null || originalCovariances != null) {
            throw new BadInputException("--data is the original: do not combine it with --original or --original-weights/-means/-covariances");
        }
        return UserPointsFile.read(dataFile, dim);
    }

    /** The --snapshots files, or null without the option. */
    private ExperimentRun.ExtraFiles snapshots(MixtureSpec spec, ExperimentSettings settings) {
        if (snapshots == null) {
            return null;
        }
        final java.util.TreeSet<Integer> generations = new java.util.TreeSet<>(snapshots);
        if (generations.last() > settings.generations()) {
            throw new BadInputException("--snapshots", generations.last(), "is beyond --generations " + settings.generations());
        }
        return new MixtureSnapshots(spec, settings.seed(), generations);
    }

    private MixtureSpec spec(SampleSizeSchedule sizes, Regime r) {
        final CovarianceType type = switch (covarianceType) {
            case "full" -> CovarianceType.FULL;
            case "diag" -> CovarianceType.DIAGONAL;
            case "spherical" -> CovarianceType.SPHERICAL;
            default -> throw new BadInputException("--covariance-type", covarianceType, "allowed are full, diag, spherical");
        };
        final Initialisation start = switch (init) {
            case "kmeans" -> Initialisation.KMEANS;
            case "k-means++" -> Initialisation.KMEANS_PLUS_PLUS;
            case "random" -> Initialisation.RANDOM;
            case "warm" -> Initialisation.WARM;
            default -> throw new BadInputException("--init", init, "allowed are kmeans, k-means++, random, warm");
        };
        if (!(tol > 0) || Double.isInfinite(tol)) {
            throw new BadInputException("--tol", tol, "must be finite and > 0");
        }
        if (!(regCovar >= 0) || Double.isInfinite(regCovar)) {
            throw new BadInputException("--reg-covar", regCovar, "must be finite and >= 0");
        }
        if (samples < components) {
            throw new BadInputException("--samples", samples, "must be >= --components " + components + ": EM needs a point per component");
        }
        if (originalFile != null) {
            return originalFromFile(type, start, sizes, r);
        }
        final MixtureLists lists = MixtureLists.parse(originalWeights, originalMeans, originalCovariances, dim, DEFAULT_DIM);
        try {
            return new MixtureSpec(lists.dim(), components, lists.weights(), lists.means(), lists.covariances(), type, start, tol, maxIter,
                    regCovar, sizes, r, heldOut);
        } catch (IllegalArgumentException e) {
            throw MixtureLists.refused(e);
        }
    }

    /** p_0 from --original: rows of weight, mean and covariance; d from the row length 1 + d + d^2. */
    private MixtureSpec originalFromFile(CovarianceType type, Initialisation start, SampleSizeSchedule sizes, Regime r) {
        if (originalWeights != null || originalMeans != null || originalCovariances != null) {
            throw new BadInputException("--original", originalFile, "gives the whole mixture: do not combine it with --original-weights/-means/-covariances");
        }
        final NumberListFile.Rows read = NumberListFile.read("--original", originalFile);
        final List<double[]> rows = read.rows();
        final int length = read.width("--original", originalFile, "component");
        int d = 1;
        while (1 + d + d * d < length) {
            d++;
        }
        if (1 + d + d * d != length) {
            throw new BadInputException("--original " + originalFile + ": a component has " + length + " numbers, but it needs 1 + d + d^2 "
                    + "(weight, mean, covariance): 3, 7, 13, 21, ...");
        }
        if (dim != null && dim != d) {
            throw new BadInputException("--dim", dim, "contradicts --original " + originalFile + ", whose components are in " + d + " dimensions");
        }
        final int k0 = rows.size();
        final double[] w = new double[k0];
        final double[] means = new double[k0 * d];
        final double[] covariances = new double[k0 * d * d];
        for (int j = 0; j < k0; j++) {
            final double[] row = rows.get(j);
            w[j] = row[0];
            System.arraycopy(row, 1, means, j * d, d);
            System.arraycopy(row, 1 + d, covariances, j * d * d, d * d);
        }
        try {
            return new MixtureSpec(d, components, w, means, covariances, type, start, tol, maxIter, regCovar, sizes, r, heldOut);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--original " + originalFile + ": " + e.getMessage());
        }
    }

    private Map<String, Object> parameters(MixtureSpec spec) {
        final Map<String, Object> params = new LinkedHashMap<>();
        params.put("dim", spec.dim());
        params.put("components", spec.components());
        params.put("covariance_type", spec.covarianceType().label());
        params.put("init", spec.initialisation().label());
        params.put("tol", spec.tolerance());
        params.put("max_iter", spec.maxIterations());
        params.put("reg_covar", spec.regularisation());
        MixtureLists.describeOriginal(spec.data(), dataFile, spec.weights(), spec.means(), spec.covariances(), params);
        params.put("samples", samples);
        RunOptions.describe(spec.samples(), params);
        RegimeOptions.describe(spec.regime(), params);
        params.put("heldout", spec.heldOut());
        params.put("mode", "samples");
        return params;
    }
}
