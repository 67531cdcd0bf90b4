package org.modelcollapse.lm;

import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;

/**
 * Everything that defines a language-model collapse chain (issue 15, the paper's §"Language models").
 *
 * @param order N of the n-gram model, 1 to 5
 * @param smoothing how counts become probabilities
 * @param decoding how each block's continuation is generated
 * @param original the original training text, cut into blocks: the prompts of every generation and D_0.
 *     Not modified.
 * @param test the original test split's token ids, scored in blocks of the same length (the last may
 *     be shorter), each from BOS. Not modified.
 * @param vocabulary V: every id is below it
 * @param regime how each generation's text is assembled, in blocks (mix keeps a random share of
 *     original blocks: the paper's second setting keeps 10%)
 * @param curation the best k of n continuations kept, or null for none
 */
public record LmSpec(int order, Smoothing smoothing, Decoding decoding, TokenBlocks original, int[] test, int vocabulary, Regime regime,
                     BestOfN curation) {
    /** A spec without curation. */
    public LmSpec(int order, Smoothing smoothing, Decoding decoding, TokenBlocks original, int[] test, int vocabulary, Regime regime) {
        this(order, smoothing, decoding, original, test, vocabulary, regime, null);
    }

    /** Validates. */
    public LmSpec {
        if (order < 1 || order > 5) {
            throw new IllegalArgumentException("n-gram order must be 1 to 5: " + order);
        }
        if (smoothing == null || decoding == null || original == null || test == null || regime == null) {
            throw new IllegalArgumentException("smoothing, decoding, original text, test split and regime are required");
        }
        if (original.blocks() < 1) {
            throw new IllegalArgumentException("the original training text holds no block of " + original.length() + " tokens");
        }
        if (test.length < 1) {
            throw new IllegalArgumentException("the test split holds no token");
        }
        if (vocabulary < 1) {
            throw new IllegalArgumentException("vocabulary must hold at least one word: " + vocabulary);
        }
        if (curation != null && decoding.beams() > 0 && curation.candidates() > decoding.beams()) {
            throw new IllegalArgumentException("beam search returns at most its " + decoding.beams() + " beams as candidates: n = " + curation.candidates());
        }
        if (curation != null && curation.reward() instanceof BestOfN.WordWeights w && w.weights().length != vocabulary) {
            throw new IllegalArgumentException("word weights must be one per word: " + w.weights().length + " for " + vocabulary);
        }
    }

    /** @return tokens per block, prompts and continuations alike */
    public int blockLength() {
        return original.length();
    }

    /** @return M_n: as many blocks as the original text in every generation (the paper's "same size") */
    public SampleSizeSchedule schedule() {
        return SampleSizeSchedule.constant(original.blocks());
    }
}
