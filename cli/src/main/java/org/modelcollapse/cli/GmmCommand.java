package org.modelcollapse.cli;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.modelcollapse.experiment.ExperimentResult;
import org.modelcollapse.experiment.ExperimentSettings;
import org.modelcollapse.experiment.MemoryEstimate;
import org.modelcollapse.gmm.CovarianceType;
import org.modelcollapse.gmm.Initialisation;
import org.modelcollapse.gmm.MixtureChain;
import org.modelcollapse.gmm.MixtureSpec;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;
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
            "",
            "Memory: the run's memory is estimated before it starts, and a run too large for the JVM is refused.",
            "Raise the JVM's limit with the environment variable JAVA_OPTS, e.g. JAVA_OPTS=-Xmx20g collapse gmm ..."})
final class GmmCommand implements Callable<Integer> {
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
            description = "Sample size M per generation, >= k (default: ${DEFAULT-VALUE}).", defaultValue = "" + DEFAULT_SAMPLES)
    int samples;

    @Option(names = "--heldout", paramLabel = "H", converter = Converters.Positive.class,
            description = "Held-out original points per replicate, for the negative log-likelihood (default: ${DEFAULT-VALUE}).",
            defaultValue = "1000")
    int heldOut;

    @Option(names = "--snapshots", paramLabel = "LIST", split = ",", converter = Converters.NonNegative.class,
            description = "Generations whose model replicate 0 pictures: M points drawn from it go to snapshots.csv and, in two or "
                    + "more dimensions, to snapshot-G.png (the first two coordinates); e.g. the paper's 0,50,100,150,200,350,2000.")
    List<Integer> snapshots;

    @Mixin
    RegimeOptions regimeOptions;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws IOException {
        run.scale();
        final SampleSizeSchedule sizes = run.schedule(samples);
        final ExperimentSettings settings = run.settings(sizes);
        final Regime r = regimeOptions.regime();
        if (regimeOptions.mode() == SamplingMode.EXACT) {
            throw new BadInputException("--mode", "exact", "is not available for mixtures: EM needs the points (use samples or auto)");
        }
        final MixtureSpec spec = spec(sizes, r);
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
                List.of(), snapshots(spec, settings));
        final ExperimentResult result = ExperimentRun.execute(plan, run);
        ExperimentRun.printMeans(result, run.out.toAbsolutePath().normalize(), "l2_to_first", "L2^2 to gen 1", "l2_to_original",
                "L2^2 to p_0", "heldout_nll", "held-out NLL", "effective_components", "eff. components");
        return 0;
    }

    /** Seed offset of the stream that draws the snapshots' points (independent of the replicates' streams). */
    private static final long SNAPSHOT_STREAM = 0x5a4a_9500_7e11L;

    /**
     * Replicate 0 again, from its own stream (so exactly the run's replicate 0), to the last snapshot
     * generation: at each, M points drawn from its model with a stream of their own, which leaves the
     * chain's unchanged.
     */
    private ExperimentRun.ExtraFiles snapshots(MixtureSpec spec, ExperimentSettings settings) {
        if (snapshots == null) {
            return null;
        }
        final java.util.TreeSet<Integer> generations = new java.util.TreeSet<>(snapshots);
        if (generations.last() > settings.generations()) {
            throw new BadInputException("--snapshots", generations.last(), "is beyond --generations " + settings.generations());
        }
        return (dir, plots) -> {
            final int d = spec.dim();
            final int m = spec.samples().base();
            final MixtureChain chain = MixtureChain.create(spec, org.modelcollapse.random.ReplicateStreams.of(settings.seed()).next());
            final org.apache.commons.rng.UniformRandomProvider rng = org.apache.commons.rng.simple.RandomSource.L64_X128_MIX.create(
                    settings.seed() ^ SNAPSHOT_STREAM);
            final java.util.Map<Integer, double[]> points = new java.util.TreeMap<>();
            for (int g : generations) {
                while (chain.generation() < g) {
                    chain.step();
                }
                final double[] x = new double[m * d];
                chain.sample(m, rng, x);
                points.put(g, x);
            }
            final StringBuilder csv = new StringBuilder("generation");
            for (int r = 1; r <= d; r++) {
                csv.append(",x").append(r);
            }
            csv.append("\r\n");
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (var e : points.entrySet()) {
                final double[] x = e.getValue();
                for (int i = 0; i < m; i++) {
                    csv.append(e.getKey());
                    for (int r = 0; r < d; r++) {
                        csv.append(',').append(x[i * d + r]);
                        low = Math.min(low, x[i * d + r]);
                        high = Math.max(high, x[i * d + r]);
                    }
                    csv.append("\r\n");
                }
            }
            java.nio.file.Files.writeString(dir.resolve("snapshots.csv"), csv);
            if (plots && d >= 2) {
                final double pad = 0.05 * (high - low);
                final double[] range = {low - pad, high + pad};
                for (var e : points.entrySet()) {
                    ScatterPlots.draw(dir.resolve("snapshot-" + e.getKey() + ".png"), String.format(java.util.Locale.ROOT,
                            "Generation %d, replicate 0: %d points of its model (k=%d, d=%d)", e.getKey(), m, spec.components(), d),
                            e.getValue(), m, d, range);
                }
            }
        };
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
        final double[] w = originalWeights == null ? new double[] {1} : NumberListFile.parse("--original-weights", originalWeights);
        final int k0 = w.length;
        final double[] mu = originalMeans == null ? null : NumberListFile.parse("--original-means", originalMeans);
        if (mu != null && mu.length % k0 != 0) {
            throw new BadInputException("--original-means", originalMeans, "must hold d values for each of the " + k0 + " components, "
                    + mu.length + " is not a multiple of " + k0);
        }
        final int d = mu != null ? mu.length / k0 : dim != null ? dim : DEFAULT_DIM;
        if (mu != null && dim != null && dim != d) {
            throw new BadInputException("--dim", dim, "contradicts --original-means, which holds " + d + " values per component");
        }
        final double[] means = mu != null ? mu : new double[k0 * d];
        final double[] covariances;
        if (originalCovariances != null) {
            covariances = NumberListFile.parse("--original-covariances", originalCovariances);
            if (covariances.length != k0 * d * d) {
                throw new BadInputException("--original-covariances", originalCovariances, "must hold " + k0 + " x " + d + " x " + d
                        + " = " + k0 * d * d + " values, not " + covariances.length);
            }
        } else {
            covariances = new double[k0 * d * d];
            for (int j = 0; j < k0; j++) {
                for (int r2 = 0; r2 < d; r2++) {
                    covariances[j * d * d + r2 * d + r2] = 1;
                }
            }
        }
        try {
            return new MixtureSpec(d, components, w, means, covariances, type, start, tol, maxIter, regCovar, sizes, r, heldOut);
        } catch (IllegalArgumentException e) {
            final String source = e.getMessage().startsWith("original weight") ? "--original-weights"
                    : e.getMessage().startsWith("original covariance") ? "--original-covariances" : "--original-means";
            throw new BadInputException(source + ": " + e.getMessage());
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
        params.put("original_weights", spec.weights());
        params.put("original_means", spec.means());
        params.put("original_covariances", spec.covariances());
        params.put("samples", samples);
        RunOptions.describe(spec.samples(), params);
        params.put("regime", spec.regime().kind().label());
        params.put("alpha", spec.regime().alpha());
        params.put("beta", spec.regime().beta());
        params.put("gamma", spec.regime().gamma());
        params.put("heldout", spec.heldOut());
        params.put("mode", "samples");
        return params;
    }
}
