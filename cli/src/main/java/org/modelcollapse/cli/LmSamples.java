package org.modelcollapse.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.modelcollapse.lm.LmChain;
import org.modelcollapse.lm.LmSpec;
import org.modelcollapse.lm.Vocabulary;
import org.modelcollapse.random.ReplicateStreams;

/**
 * {@code collapse lm}'s own files, from replicate 0 run again from its own stream (so exactly the run's
 * replicate 0): samples.txt, the continuation of one fixed prompt by each generation's model (drawn with a
 * stream of its own, which leaves the chain's unchanged; the article shows generations 0, 1, 5 and 9), and
 * block-perplexity.csv, the histogram of the per-block perplexities, under generation 0's model, of the
 * text each generation's model was fitted on (the paper's Fig. 1b), in bins of 0.05 in log10 perplexity.
 */
final class LmSamples implements ExperimentRun.ExtraFiles {
    /** Seed offset of the prompt's stream (independent of the replicates' streams). */
    private static final long STREAM = 0x1a_5a3b_1e5eL;
    /** Histogram bin width in log10 perplexity. */
    static final double BIN = 0.05;

    private final LmSpec spec;
    private final long seed;
    private final int generations;
    private final int[] prompt;
    private final Vocabulary vocabulary;

    LmSamples(LmSpec spec, long seed, int generations, int[] prompt, Vocabulary vocabulary) {
        this.spec = spec;
        this.seed = seed;
        this.generations = generations;
        this.prompt = prompt;
        this.vocabulary = vocabulary;
    }

    @Override
    public void write(Path dir, boolean plots) throws IOException {
        final LmChain chain = LmChain.create(spec, ReplicateStreams.of(seed).next());
        final UniformRandomProvider rng = RandomSource.L64_X128_MIX.create(seed ^ STREAM);
        final int[] continuation = new int[spec.blockLength()];
        final Map<Integer, SortedMap<Integer, Integer>> histograms = new TreeMap<>();
        try (Writer samples = Files.newBufferedWriter(dir.resolve("samples.txt"));
             Writer histogram = Files.newBufferedWriter(dir.resolve("block-perplexity.csv"));
             CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader("generation", "log10_perplexity_low", "log10_perplexity_high", "blocks").get()
                     .print(histogram)) {
            samples.write("Replicate 0. Generation 0 (and 1) is the model fitted to the original text, the paper's generation 0.\n");
            samples.write("prompt: " + text(prompt) + "\n\n");
            for (int g = 0; g <= generations; g++) {
                while (chain.generation() < g) {
                    chain.step();
                }
                chain.metrics();
                chain.continuation(prompt, continuation, rng);
                samples.write("generation " + g + ": " + text(continuation) + "\n\n");
                final SortedMap<Integer, Integer> bins = new TreeMap<>();
                for (double p : chain.blockPerplexities()) {
                    bins.merge((int) Math.floor(Math.log10(p) / BIN), 1, Integer::sum);
                }
                histograms.put(g, bins);
                writeHistogram(csv, g, bins);
            }
        }
        if (plots) {
            BlockPerplexityChart.draw(dir.resolve("block-perplexity.png"), histograms,
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
