package org.modelcollapse.lm;

/**
 * Curation of a generation's text: each prompt is continued n times and the k continuations of the highest
 * reward are kept (ties: the earlier candidate), so that the text is made of the best k of every n; the
 * prompts used are as many as the blocks need, ceil(M / k). Candidates are n independent draws when sampling,
 * and the n best final beams of beam search (Hugging Face's {@code num_return_sequences}, n &lt;= B).
 *
 * @param candidates n &gt;= 1
 * @param keep k, 1 &lt;= k &lt;= n
 * @param reward what ranks the candidates
 */
public record BestOfN(int candidates, int keep, Reward reward) {
    /** Validates. */
    public BestOfN {
        if (candidates < 1 || keep < 1 || keep > candidates) {
            throw new IllegalArgumentException("curation needs 1 <= k <= n: k = " + keep + ", n = " + candidates);
        }
        if (reward == null) {
            throw new IllegalArgumentException("curation needs a reward");
        }
    }

    /** What a continuation is worth. */
    public sealed interface Reward {}

    /** Its log-likelihood under generation 0's model (the fit to the original text), given the prompt: a quality filter. */
    public record Likelihood() implements Reward {}

    /**
     * The sum of its words' weights (a user's word list: listed words their weight, the others 0).
     *
     * @param weights one per word id (copied)
     */
    public record WordWeights(double[] weights) implements Reward {
        /** Validates and copies. */
        public WordWeights {
            weights = weights.clone();
            for (double w : weights) {
                if (!Double.isFinite(w)) {
                    throw new IllegalArgumentException("word weights must be finite: " + w);
                }
            }
        }
    }
}
