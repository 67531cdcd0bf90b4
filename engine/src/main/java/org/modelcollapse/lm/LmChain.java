package org.modelcollapse.lm;

import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.experiment.MemoryEstimate;
import org.modelcollapse.process.RegimeChain;

/**
 * The language-model collapse chain (issue 15): an n-gram model refitted, generation after generation,
 * on the continuations it generated from the original text's blocks ({@link LmFamily}). Generation 0
 * (and 1) is the model fitted to the original training text, the paper's "generation 0"; our
 * generation n + 1 is the paper's generation n.
 */
public final class LmChain extends RegimeChain<LanguageModel, TokenBlocks> {
    private final LmFamily family;

    private LmChain(LmSpec spec, LmFamily family, UniformRandomProvider rng) {
        super(family, spec.regime(), spec.schedule(), canAbsorb(spec), rng);
        this.family = family;
    }

    /** @return a chain of {@code spec} at generation 0 drawing from {@code rng} */
    public static LmChain create(LmSpec spec, UniformRandomProvider rng) {
        return new LmChain(spec, new LmFamily(spec), rng);
    }

    /**
     * @return true if a replicate can be absorbed: maximum likelihood (a smoothed model gives every word a
     *     chance) and no fresh original blocks in any generation
     */
    public static boolean canAbsorb(LmSpec spec) {
        return spec.smoothing() instanceof Smoothing.MaximumLikelihood && spec.regime().neverDrawsFresh(spec.schedule());
    }

    /**
     * Adds what the chains of a run hold: per chain two models (the generation's and generation 0's, for
     * the block perplexities) and the statistics' trie, each about N tries levels of the text's tokens
     * (ints: word, count, suffix, continuation, first child; doubles: alpha, full, cumulative), three texts,
     * and the accumulating regimes' pool.
     */
    public static void estimate(LmSpec spec, int generations, int chains, MemoryEstimate estimate) {
        final double tokens = spec.original().size();
        final double pooled = spec.regime().keepsEarlierData() ? tokens * Math.max(1, generations) : tokens;
        final int perNode = 5 * 4 + 3 * 8 + 4;
        estimate.array("generations", "a level of the fitted model's n-grams", pooled, spec.order() * perNode, chains);
        estimate.add("order", tokens * spec.order() * perNode * chains);
        estimate.add("order", tokens * TextStatistics.LONGEST * (perNode + 4 + 8 + 8) * chains);
        estimate.array("generations", "the generation's texts", pooled, 4, 3.0 * chains);
    }

    /** @return the current model; not to be modified */
    public LanguageModel current() {
        return model();
    }

    /**
     * Writes into {@code out} the current model's continuation of {@code prompt}, drawing from
     * {@code stream} (not the chain's, which it leaves untouched).
     */
    public void continuation(int[] prompt, int[] out, UniformRandomProvider stream) {
        family.continuation(prompt, out, stream);
    }

    /** @return the per-block perplexities, under generation 0's model, of the text the current model was fitted on */
    public double[] blockPerplexities() {
        final double[] all = family.blockPerplexities();
        return java.util.Arrays.copyOf(all, model().data().blocks());
    }
}
