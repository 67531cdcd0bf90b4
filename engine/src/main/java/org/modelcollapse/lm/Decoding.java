package org.modelcollapse.lm;

/**
 * How a model continues a prompt (Hugging Face's {@code generate} semantics, for an n-gram model whose
 * logits are ln P(w | h)).
 * <ul>
 *   <li>Sampling: the repetition penalty, then temperature tau, then top-k, then top-p, as Hugging Face
 *   orders its processors. The penalty (Keskar et al. 2019, arXiv 1909.05858, as Hugging Face's
 *   {@code RepetitionPenaltyLogitsProcessor}): every word already in the prompt or the continuation has its
 *   logit multiplied by theta (logits ln P are &lt;= 0), so its probability becomes P^theta before
 *   renormalisation. Temperature: P^(1/tau). Top-k: the k most probable words. Top-p (nucleus, Holtzman
 *   et al. 2020): the most probable words, in descending order, while the mass before a word is below p
 *   (so the smallest set whose mass reaches p; at least one word).</li>
 *   <li>Greedy: the most probable word (after the penalty) at each step; beam search with 1 beam.</li>
 *   <li>Beam search of width B: Hugging Face's, without an end token: each step extends every beam by
 *   every word, scores ln P(word | beam) (the penalty multiplying it by theta for a word the beam has
 *   seen) added to the beam's score, and keeps the B best; the result is the best beam. Ties: the
 *   earlier beam, then the more probable word.</li>
 * </ul>
 * Words of probability 0 (maximum likelihood) are never produced.
 *
 * @param beams 0 for sampling, 1 for greedy, B &gt;= 2 for beam search
 * @param temperature tau &gt; 0 (sampling only; 1 leaves P unchanged)
 * @param topK k &gt;= 1, or 0 for no top-k (sampling only)
 * @param topP p in (0, 1] (sampling only; 1 keeps every word)
 * @param repetitionPenalty theta &gt; 0 (1 for none; Hugging Face's recommendation is 1.2)
 */
public record Decoding(int beams, double temperature, int topK, double topP, double repetitionPenalty) {
    /** Validates. */
    public Decoding {
        if (beams < 0) {
            throw new IllegalArgumentException("beams must be >= 0 (0 samples): " + beams);
        }
        if (!(temperature > 0 && temperature < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("temperature must be finite and > 0: " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be >= 1 (0 for none): " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1]: " + topP);
        }
        if (!(repetitionPenalty > 0 && repetitionPenalty < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("repetition penalty must be finite and > 0: " + repetitionPenalty);
        }
        if (beams > 0 && (temperature != 1 || topK != 0 || topP != 1)) {
            throw new IllegalArgumentException("temperature, top-k and top-p apply to sampling, not to greedy or beam search");
        }
    }

    /** @return plain sampling from the model */
    public static Decoding sampling() {
        return new Decoding(0, 1, 0, 1, 1);
    }

    /** @return beam search of width B with penalty theta (the paper's code: 5 beams) */
    public static Decoding beam(int width, double penalty) {
        return new Decoding(width, 1, 0, 1, penalty);
    }

    /** @return true for sampling from P unchanged */
    public boolean plain() {
        return beams == 0 && temperature == 1 && topK == 0 && topP == 1 && repetitionPenalty == 1;
    }

    /** @return true if the decoder needs the ranked children (greedy, beam, top-k, top-p, or a penalty) */
    public boolean ranks() {
        return !plain() && !(beams == 0 && topK == 0 && topP == 1);
    }
}
