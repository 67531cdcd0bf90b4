package org.modelcollapse.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.modelcollapse.lm.Decoding;
import org.modelcollapse.lm.LmChain;
import org.modelcollapse.lm.LmSpec;
import org.modelcollapse.lm.Smoothing;
import org.modelcollapse.lm.TokenBlocks;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SamplingMode;

/**
 * Monte Carlo checks of the language-model chain (issue 15 §5, SPEC §6 "Language model"): a unigram model
 * without smoothing, sampled, is the Wright–Fisher chain with M = the tokens of a generation (its blocks
 * times their length), since every token is drawn from p whatever the prompt. So C2 holds exactly, E(1 -
 * sum p^2) = (1 - sum q^2)(1 - 1/M)^s after s refits on generated text (our generation s + 1: generation
 * 1 is the fit to the original text, q), and a word's loss follows its two-state binomial chain exactly
 * ({@link WrightFisher#lossCdf}).
 */
public final class LmVerification {
    /** The family's checks, for {@link VerificationRunner}. */
    public static final Verification VERIFICATION = new Verification("lm", "Verification: language-model chain",
            seed -> new LmVerification(seed).tasks());

    /** Word counts of the original text: 12 blocks of 8 tokens (M = 96) over 5 words; word 4 is rare (q = 3/96). */
    private static final int[] COUNTS = {40, 25, 18, 10, 3};
    private static final int LENGTH = 8;
    private static final int REPLICATES = 20_000;
    private static final int[] STEPS = {1, 4, 12};

    private final long seed;

    private LmVerification(long seed) {
        this.seed = seed;
    }

    private List<Supplier<List<Check>>> tasks() {
        return List.of(this::unigramChain);
    }

    /** @return the original text: the words in order of COUNTS, shuffled deterministically, in blocks */
    static TokenBlocks originalText() {
        int total = 0;
        for (int c : COUNTS) {
            total += c;
        }
        final int[] ids = new int[total];
        for (int w = 0, at = 0; w < COUNTS.length; w++) {
            for (int i = 0; i < COUNTS[w]; i++) {
                ids[at++] = w;
            }
        }
        final java.util.Random shuffle = new java.util.Random(15);
        for (int i = total - 1; i > 0; i--) {
            final int j = shuffle.nextInt(i + 1);
            final int t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        return TokenBlocks.cut(ids, LENGTH);
    }

    private List<Check> unigramChain() {
        final TokenBlocks text = originalText();
        final int m = text.size();
        final LmSpec spec = new LmSpec(1, new Smoothing.MaximumLikelihood(), Decoding.sampling(), text, new int[] {0, 1, 2}, COUNTS.length, Regime.replace());
        final int last = STEPS[STEPS.length - 1];
        final double[][] heterozygosity = new double[STEPS.length][REPLICATES];
        final double[][] lost = new double[STEPS.length][REPLICATES];
        final int rare = COUNTS.length - 1;
        final int heterozygosityColumn = org.modelcollapse.lm.LmMetric.UNIGRAM_HETEROZYGOSITY.ordinal();
        final String id = "LM unigram";
        Replicates.run(rng -> LmChain.create(spec, rng), REPLICATES, VerificationRunner.seedFor(seed, id, SamplingMode.SAMPLES), (chain, r) -> {
            chain.step();
            for (int s = 1, k = 0; s <= last; s++) {
                chain.step();
                if (s == STEPS[k]) {
                    heterozygosity[k][r] = chain.metrics()[heterozygosityColumn];
                    lost[k][r] = chain.current().ngram().trie().count(1)[rare] == 0 ? 1 : 0;
                    k++;
                }
            }
        });
        double sumSquares = 0;
        for (int c : COUNTS) {
            sumSquares += (double) c * c / ((double) m * m);
        }
        final double[] loss = WrightFisher.lossCdf(m, COUNTS[rare], last);
        final List<Check> rows = new ArrayList<>();
        for (int k = 0; k < STEPS.length; k++) {
            final int s = STEPS[k];
            final String where = String.format(Locale.ROOT, "; order 1, no smoothing, sampled, M = %d tokens (%d blocks of %d), generation %d",
                    m, text.blocks(), LENGTH, s + 1);
            final double[] h = Replicates.meanAndSe(heterozygosity[k]);
            rows.add(new Check("LM C2 unigram, s=" + s, "E(1 - sum p^2) = (1 - sum q^2)(1 - 1/M)^s" + where,
                    (1 - sumSquares) * Math.pow(1 - 1.0 / m, s), h[0], h[1], 0));
            final double[] l = Replicates.meanAndSe(lost[k]);
            final double p = loss[s];
            rows.add(new Check("LM loss of a word, s=" + s, "P(word of count " + COUNTS[rare] + " lost) by its binomial chain" + where,
                    p, l[0], Math.sqrt(p * (1 - p) / REPLICATES), 0));
        }
        return rows;
    }
}
