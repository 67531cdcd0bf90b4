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
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.lm.LmChain;
import org.modelcollapse.lm.LmSpec;
import org.modelcollapse.lm.Vocabulary;

/**
 * {@code collapse lm}'s own files, from replicate 0 ({@link ReplicateZeroFiles}): samples.txt, the continuation
 * of one fixed prompt by each generation's model (drawn with a stream of its own, which leaves the chain's
 * unchanged; the article shows generations 0, 1, 5 and 9), and block-perplexity.csv, the histogram of the
 * per-block perplexities, under generation 0's model, of the text each generation's model was fitted on (the
 * paper's Fig. 1b), in bins of 0.05 in log10 perplexity.
 */
final class LmSamples extends ReplicateZeroFiles<LmChain> {
    /** Seed offset of the prompt's stream (independent of the replicates' streams). */
    private static final long STREAM = 0x1a_5a3b_1e5eL;
    /** Histogram bin width in log10 perplexity. */
    static final double BIN = 0.05;

    private final LmSpec spec;
    private final int[] prompt;
    private final Vocabulary vocabulary;
    private final int[] continuation;
    /** Per generation of replicate 0: the prompt's continuation, and the block-perplexity histogram. */
    private final String[] texts;
    private final List<SortedMap<Integer, Integer>> histograms;

    LmSamples(LmSpec spec, long seed, int generations, int[] prompt, Vocabulary vocabulary) {
        super(LmChain.class, IntStream.rangeClosed(0, generations).toArray(), seed, STREAM);
        this.spec = spec;
        this.prompt = prompt;
        this.vocabulary = vocabulary;
        this.continuation = new int[spec.blockLength()];
        this.texts = new String[generations + 1];
        this.histograms = new ArrayList<>(Collections.nCopies(generations + 1, null));
    }

    @Override
    LmChain create(UniformRandomProvider rng) {
        return LmChain.create(spec, rng);
    }

    /** The block perplexities are computed with the metrics. */
    @Override
    void prepare(LmChain chain) {
        chain.metrics();
    }

    @Override
    void record(int g, LmChain chain, UniformRandomProvider rng) {
        chain.continuation(prompt, continuation, rng);
        texts[g] = text(continuation);
        final SortedMap<Integer, Integer> bins = new TreeMap<>();
        for (double p : chain.blockPerplexities()) {
            bins.merge((int) Math.floor(Math.log10(p) / BIN), 1, Integer::sum);
        }
        histograms.set(g, bins);
    }

    @Override
    void writeFiles(Path dir, boolean plots) throws IOException {
        final Map<Integer, SortedMap<Integer, Integer>> byGeneration = new TreeMap<>();
        try (Writer samples = Files.newBufferedWriter(dir.resolve("samples.txt"));
             Writer histogram = Files.newBufferedWriter(dir.resolve("block-perplexity.csv"));
             CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader("generation", "log10_perplexity_low", "log10_perplexity_high", "blocks").get()
                     .print(histogram)) {
            samples.write("Replicate 0. Generation 0 (and 1) is the model fitted to the original text, the paper's generation 0.\n");
            samples.write("prompt: " + text(prompt) + "\n\n");
            for (int g = 0; g < texts.length; g++) {
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
