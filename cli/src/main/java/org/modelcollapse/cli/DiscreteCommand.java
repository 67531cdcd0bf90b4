package org.modelcollapse.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.modelcollapse.discrete.DiscreteChain;
import org.modelcollapse.discrete.DiscreteSpec;
import org.modelcollapse.discrete.InitialDistribution;
import org.modelcollapse.experiment.ExperimentResult;
import org.modelcollapse.experiment.ExperimentSettings;
import org.modelcollapse.experiment.MemoryEstimate;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code collapse discrete}: the categorical (Wright–Fisher) collapse chain. */
@Command(name = "discrete", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = {"Recursive refitting of a categorical distribution over K states (the neutral Wright-Fisher chain).",
            "Writes summary.csv, checkpoints.csv, replicates.csv, manifest.json and PNG plots into --out.",
            "--mode: exact draws multinomial counts (memory independent of M); samples draws the M points; auto, the cheaper.",
            "--temperature, --top-k, --top-p: each model is decoded (Hugging Face's order) before its points are drawn.",
            "--curation-k with --reward: each model point is the Bradley-Terry choice among K candidates (samples mode).",
            "The closed forms it is checked against: docs/theory.md."},
        footerHeading = "%nExamples:%n",
        footer = {"  collapse discrete --states 1000 --samples 1000 --generations 1000 --replicates 100 --out runs/paper",
            "  collapse discrete --states 10 --samples 100 --replicates 10000 --until-absorbed --out runs/absorb",
            "  collapse discrete --init zipf --zipf-exponent 1.1 --regime mix --alpha 0.9 --gamma 0.1 --out runs/fresh",
            "  collapse discrete --init file --init-file counts.txt --regime accumulate --out runs/acc",
            "  collapse discrete --init zipf --temperature 0.8 --top-p 0.95 --out runs/biased",
            "  collapse discrete --states 3 --curation-k 4 --reward 0,0.5,1 --out runs/curated",
            "",
            "Memory: the run's memory is estimated before it starts, and a run too large for the JVM is refused.",
            "Raise the JVM's limit with the environment variable JAVA_OPTS, e.g. JAVA_OPTS=-Xmx20g collapse discrete ..."})
final class DiscreteCommand implements ExperimentCommand {
    /** Default number of states K. */
    static final int DEFAULT_STATES = 1000;
    /** Default Zipf exponent. */
    static final double DEFAULT_ZIPF_EXPONENT = 1.0;

    @Spec
    CommandSpec command;

    @Option(names = "--states", paramLabel = "K", converter = Converters.Positive.class,
            description = "Number of states K (default: " + DEFAULT_STATES + "; with --init file, the file's).")
    Integer states;

    @Option(names = "--init", paramLabel = "KIND", description = "Initial distribution: uniform, zipf or file (default: ${DEFAULT-VALUE}).", defaultValue = "uniform")
    String init;

    @Option(names = "--zipf-exponent", paramLabel = "S", description = "--init zipf: exponent s, q_j ~ (j+1)^-s (default: 1.0).")
    Double zipfExponent;

    @Option(names = "--init-file", paramLabel = "PATH", description = "--init file: integer counts (q = counts / total) or probabilities, one per state.")
    Path initFile;

    /** Default sample size M. */
    static final int DEFAULT_SAMPLES = 1000;

    @Option(names = "--samples", paramLabel = "M", converter = Converters.Positive.class, description = "Sample size M per generation (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + DEFAULT_SAMPLES)
    int samples;

    @Option(names = "--smoothing", paramLabel = "k", description = "Add-k smoothing at each fit (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    double smoothing;

    @Mixin
    RegimeOptions regimeOptions;

    @Mixin
    BiasOptions bias;

    @Mixin
    RunOptions run;

    /** How --init-file was read, for the manifest; null without a file. */
    private InitialDistributionFile.Read fileRead;

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
        final Regime r = regimeOptions.regime();
        final SamplingMode m = bias.mode(regimeOptions.mode());
        // The memory check comes before p_0 is built: K states already cost memory of their own.
        final int k = "file".equals(init) ? readFile().q().states() : states != null ? states : DEFAULT_STATES;
        final MemoryEstimate estimate = new MemoryEstimate();
        DiscreteChain.estimate(k, sizes, r, m, bias.biased(), settings.generations(), Math.min(settings.threads(), settings.replicates()), estimate);
        final ExperimentRun.Memory memory = ExperimentRun.requireMemory(estimate, settings, sizes, DiscreteChain.METRICS.size(),
                Map.of("--states", k, "--samples", samples, "--replicates", settings.replicates(), "--generations", settings.generations()));
        final DiscreteSpec spec = spec(sizes, r, m);
        final List<String> notes = fileRead == null ? List.of() : List.of(String.format(Locale.ROOT, "init: %d states from %s, read as %s%s",
                spec.initial().states(), initFile, fileRead.counts() ? "integer counts (q = counts / total)" : "probabilities",
                fileRead.header() == null ? "" : " (header row skipped: " + fileRead.header() + ")"));
        final ExperimentRun.Plan plan = new ExperimentRun.Plan(command.qualifiedName(), "discrete", rng -> DiscreteChain.create(spec, rng),
                DiscreteChain.METRICS, settings, run.seedDrawn(), parameters(spec), memory, notAbsorbing(spec), notes, null);
        return plan;
    }

    /** @return why no replicate of this spec can absorb, or null if one can */
    private static String notAbsorbing(DiscreteSpec spec) {
        if (spec.smoothing() > 0) {
            return "add-k smoothing (--smoothing " + spec.smoothing() + ") keeps every state's probability above 0, so no state is ever lost for good";
        }
        if (!spec.regime().neverDrawsFresh(spec.schedule())) {
            return "--gamma " + spec.regime().gamma() + " draws fresh original data, which brings lost states back";
        }
        if (spec.regime().keepsEarlierData()) {
            return spec.regime().kind().label() + " keeps generation 1's data in every later fit: a replicate absorbs only if those data are one "
                    + "state, at generation 1, and never after";
        }
        return null;
    }

    /** @return --init-file, read once (the memory check needs its K before the spec is built) */
    private InitialDistributionFile.Read readFile() {
        if (initFile == null) {
            throw new BadInputException("--init file needs --init-file PATH");
        }
        if (fileRead == null) {
            fileRead = InitialDistributionFile.read(initFile);
        }
        return fileRead;
    }

    /** Options that apply only with others, and values checked before anything is read or built. */
    private void checkCombinations() {
        if (initFile != null && !"file".equals(init)) {
            throw new BadInputException("--init-file", initFile, "applies to --init file only; the run would use --init " + init
                    + " (add --init file, or drop --init-file)");
        }
        if (zipfExponent != null && !"zipf".equals(init)) {
            throw new BadInputException("--zipf-exponent", zipfExponent, "applies to --init zipf only, not to --init " + init);
        }
        if (!(smoothing >= 0) || Double.isInfinite(smoothing)) {
            throw new BadInputException("--smoothing", smoothing, "must be finite and >= 0");
        }
        if (!List.of("uniform", "zipf", "file").contains(init)) {
            throw new BadInputException("--init", init, "allowed are uniform, zipf, file");
        }
    }

    private DiscreteSpec spec(SampleSizeSchedule sizes, Regime r, SamplingMode m) {
        final InitialDistribution q = switch (init) {
            case "uniform" -> InitialDistribution.uniform(states != null ? states : DEFAULT_STATES);
            case "zipf" -> {
                final double s = zipfExponent != null ? zipfExponent : DEFAULT_ZIPF_EXPONENT;
                if (!(s >= 0) || Double.isInfinite(s)) {
                    throw new BadInputException("--zipf-exponent", s, "must be finite and >= 0");
                }
                yield InitialDistribution.zipf(states != null ? states : DEFAULT_STATES, s);
            }
            case "file" -> {
                final InitialDistributionFile.Read read = readFile();
                if (states != null && states != read.q().states()) {
                    throw new BadInputException("--states", states, "contradicts --init-file " + initFile + ", which holds "
                            + read.q().states() + " states (drop --states: K comes from the file)");
                }
                yield read.q();
            }
            default -> throw new BadInputException("--init", init, "allowed are uniform, zipf, file");
        };
        return new DiscreteSpec(q, sizes, r, smoothing, m, bias.decoding(), bias.curation(q.states()));
    }

    private Map<String, Object> parameters(DiscreteSpec spec) {
        final Map<String, Object> params = new LinkedHashMap<>();
        params.put("states", spec.initial().states());
        params.put("init", spec.initial().toString());
        params.put("init_file", initFile == null ? null : initFile.toString());
        params.put("init_file_read_as", fileRead == null ? null : fileRead.counts() ? "counts" : "probabilities");
        params.put("init_file_header", fileRead == null ? null : fileRead.header());
        params.put("samples", samples);
        RunOptions.describe(spec.schedule(), params);
        RegimeOptions.describe(spec.regime(), params);
        params.put("smoothing", spec.smoothing());
        params.put("mode", spec.mode().label());
        BiasOptions.describe(spec.decoding(), spec.curation(), bias.reward, params);
        return params;
    }

    @Override
    public void report(ExperimentResult r, Path dir) {
        ExperimentRun.printMeans(r, dir, "alive_states", "alive states", "entropy", "entropy", "lost_mass", "lost mass",
                "absorbed", "absorbed");
    }
}
