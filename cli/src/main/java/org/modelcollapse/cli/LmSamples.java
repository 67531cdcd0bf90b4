package org.modelcollapse.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.modelcollapse.experiment.Chain;
import org.modelcollapse.experiment.ReplicateObserver;
import org.modelcollapse.lm.LmChain;
import org.modelcollapse.lm.LmSpec;
import org.modelcollapse.lm.Vocabulary;
import org.modelcollapse.random.ReplicateStreams;

/**
 * {@code collapse lm}'s own files, from replicate 0: samples.txt, the continuation of one fixed prompt by each
 * generation's model (drawn with a stream of its own, which leaves the chain's unchanged; the article shows
 * generations 0, 1, 5 and 9), and block-perplexity.csv, the histogram of the per-block perplexities, under
 * generation 0's model, of the text each generation's model was fitted on (the paper's Fig. 1b), in bins of
 * 0.05 in log10 perplexity. They are taken as the run goes ({@link #observer}); where the run could not give
 * them (a --metrics selection that skips the block perplexities, a replicate 0 that ended early), replicate 0
 * is run again from its own stream, to the same files.
 */
final class LmSamples implements ExperimentRun.ExtraFiles, ReplicateObserver {
    /** Seed offset of the prompt's stream (independent of the replicates' streams). */
    private static final long STREAM = 0x1a_5a3b_1e5eL;
    /** Histogram bin width in log10 perplexity. */
    static final double BIN = 0.05;

    private final LmSpec spec;
    private final long seed;
    private final int generations;
    private final int[] prompt;
    private final Vocabulary vocabulary;
    private final int[] continuation;
    /** Per generation of replicate 0: the prompt's continuation, and the block-perplexity histogram. */
    private final String[] texts;
    private final List<SortedMap<Integer, Integer>> histograms;
    private UniformRandomProvider rng;
    /** Generations recorded so far, in order from 0. */
    private int recorded;

    LmSamples(LmSpec spec, long seed, int generations, int[] prompt, Vocabulary vocabulary) {
        this.spec = spec;
        this.seed = seed;
        this.generations = generations;
        this.prompt = prompt;
        this.vocabulary = vocabulary;
        this.continuation = new int[spec.blockLength()];
        this.texts = new String[generations + 1];
        this.histograms = new ArrayList<>(Collections.nCopies(generations + 1, null));
    }

    @Override
    public ReplicateObserver observer() {
        return this;
    }

    /** Records replicate 0's generations, on the thread that runs it; a chain measured in part is not an LmChain and is left. */
    @Override
    public void generation(int replicate, Chain chain) {
        if (replicate == 0 && chain instanceof LmChain lm && lm.generation() == recorded && recorded <= generations) {
            record(lm);
        }
    }

    private void record(LmChain chain) {
        if (recorded == 0) {
            rng = RandomSource.L64_X128_MIX.create(seed ^ STREAM);
        }
        chain.continuation(prompt, continuation, rng);
        texts[recorded] = text(continuation);
        final SortedMap<Integer, Integer> bins = new TreeMap<>();
        for (double p : chain.blockPerplexities()) {
            bins.merge((int) Math.floor(Math.log10(p) / BIN), 1, Integer::sum);
        }
        histograms.set(recorded, bins);
        recorded++;
    }

    @Override
    public void write(Path dir, boolean plots) throws IOException {
        if (recorded != generations + 1) {
            recorded = 0;
            final LmChain chain = LmChain.create(spec, ReplicateStreams.of(seed).next());
            for (int g = 0; g <= generations; g++) {
                while (chain.generation() < g) {
                    chain.step();
                }
                chain.metrics();
                record(chain);
            }
        }
        final Map<Integer, SortedMap<Integer, Integer>> byGeneration = new TreeMap<>();
        try (Writer samples = Files.newBufferedWriter(dir.resolve("samples.txt"));
             Writer histogram = Files.newBufferedWriter(dir.resolve("block-perplexity.csv"));
             CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader("generation", "log10_perplexity_low", "log10_perplexity_high", "blocks").get()
                     .print(histogram)) {
            samples.write("Replicate 0. Generation 0 (and 1) is the model fitted to the original text, the paper's generation 0.\n");
            samples.write("prompt: " + text(prompt) + "\n\n");
            for (int g = 0; g <= generations; g++) {
                samples.write("generation " + g + ": " + texts[g] + "\n\n");
                byGeneration.put(g, histograms.get(g));
                writeHistogram(csv, g, histograms.get(g));
            }
        }
        if (plots) {
            BlockPerplexityChart.draw(dir.resolve("block-perplexity.png"), byGeneration,
                    "Perplexity of each generation's training blocks under generation 0's model (replicate 0)");
        }
    }

    private static void writeHistogram(CSVPrinter csv, int generation, SortedMap<Integer, Integer> bins) throws IOException {
        for (var e : bins.entrySet()) {
            csv.printRecord(generation, String.format(Locale.ROOT, "%.2f", e.getKey() * BIN), String.format(Locale.ROOT, "%.2f", (e.getKey() + 1) * BIN),
                    e.getValue());
        }
    }

    private String text(int[] ids) {
        final StringBuilder s = new StringBuilder();
        for (int id : ids) {
            if (!s.isEmpty()) {
                s.append(' ');
            }
            s.append(vocabulary.word(id));
        }
        return s.toString();
    }
}
