package org.modelcollapse.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.modelcollapse.lm.Continuations;
import org.modelcollapse.lm.Corpus;
import org.modelcollapse.lm.Decoding;
import org.modelcollapse.lm.NgramModel;
import org.modelcollapse.lm.Smoothing;
import org.modelcollapse.lm.SortedScorer;
import org.modelcollapse.lm.TokenBlocks;
import org.modelcollapse.lm.TokenizedCorpus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The language model's steps on the vendored State of the Union corpus (issue 15 §6), one thread: counting
 * and smoothing about 2 million tokens at order 3 (every split's blocks), and, with the model of the
 * training split, a generation's continuations sampled or by beam search (a slice of the prompts, so that
 * an operation stays near a second) and the test split's perplexity. Rates per token are the op's tokens
 * over its time ({@code bench/run-lm-versus-nltk} divides). The corpus: system property {@code lm.corpus}
 * (default {@code cli/src/main/resources/corpora/sotu-0.2.3.zip}).
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LmBenchmark extends BenchmarkBase {
    /** Prompts continued per beam-search operation. */
    public static final int BEAM_PROMPTS = 2000;

    @Param({"3"})
    int order;

    TokenBlocks everything;
    TokenBlocks training;
    int[] test;
    NgramModel model;
    NgramModel scratch;
    SortedScorer scorer;
    NgramModel.Context context;
    Continuations sampler;
    Continuations beam;
    Continuations penalisedBeam;
    int[] out;
    UniformRandomProvider rng;

    @Setup
    public void setUp() throws IOException {
        final TokenizedCorpus text = TokenizedCorpus.of(Corpus.read(Path.of(System.getProperty("lm.corpus", "cli/src/main/resources/corpora/sotu-0.2.3.zip"))));
        final int length = 64;
        training = text.blocks(length);
        test = text.test();
        final int[] all = new int[text.train().length + text.validation().length + test.length];
        System.arraycopy(text.train(), 0, all, 0, text.train().length);
        System.arraycopy(text.validation(), 0, all, text.train().length, text.validation().length);
        System.arraycopy(test, 0, all, text.train().length + text.validation().length, test.length);
        everything = TokenBlocks.cut(all, length);
        final int v = text.vocabulary().size();
        model = new NgramModel(order, v);
        model.fit(training, Smoothing.KneserNey.modified());
        scratch = new NgramModel(order, v);
        scorer = new SortedScorer(test, length, order, v);
        context = model.newContext();
        sampler = new Continuations(model, Decoding.sampling());
        beam = new Continuations(model, Decoding.beam(5, 1));
        beam.refitted();
        penalisedBeam = new Continuations(model, Decoding.beam(5, 1.2));
        penalisedBeam.refitted();
        out = new int[training.size()];
        rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED);
        System.err.printf("lm: %d tokens counted by fit, %d training tokens (%d prompts), %d test tokens, vocabulary %d%n", everything.size(),
                training.size(), training.blocks(), test.length, v);
    }

    /** Counting and smoothing every split's blocks (about 2 million tokens). */
    @Benchmark
    public NgramModel fit() {
        scratch.fit(everything, Smoothing.KneserNey.modified());
        return scratch;
    }

    /** A generation's sampled continuations: every training block's 64 tokens. */
    @Benchmark
    public int[] sample() {
        final int length = training.length();
        for (int b = 0; b < training.blocks(); b++) {
            sampler.continuation(training.tokens(), b * length, length, out, b * length, length, rng);
        }
        return out;
    }

    /** Beam search (5 beams, no penalty) continuing {@link #BEAM_PROMPTS} prompts. */
    @Benchmark
    public int[] beam() {
        return beam(beam);
    }

    /** Beam search (5 beams, penalty 1.2, the chain's default) continuing {@link #BEAM_PROMPTS} prompts. */
    @Benchmark
    public int[] penalisedBeam() {
        return beam(penalisedBeam);
    }

    private int[] beam(Continuations decoder) {
        final int length = training.length();
        for (int b = 0; b < BEAM_PROMPTS; b++) {
            decoder.continuation(training.tokens(), b * length, length, out, b * length, length, rng);
        }
        return out;
    }

    /** The test split's log-probability, sorted (the chain's test perplexity). */
    @Benchmark
    public double testPerplexity() {
        return scorer.logProbability(model);
    }

    /** The same, token by token in text order. */
    @Benchmark
    public double testPerplexityInOrder() {
        double sum = 0;
        for (int from = 0; from < test.length; from += 64) {
            sum += model.logProbability(test, from, Math.min(test.length, from + 64), context);
        }
        return sum;
    }
}
