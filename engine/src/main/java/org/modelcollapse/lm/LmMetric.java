package org.modelcollapse.lm;

import java.util.Arrays;
import java.util.List;

/**
 * The language-model chain's metrics (issue 15 §4), in column order. The data metrics describe the text
 * the generation's model was fitted on (at generation 0 and 1 the original training text).
 */
public enum LmMetric {
    /** exp(-mean ln P) of the original test split under the generation's model: the paper's main metric. */
    TEST_PERPLEXITY("test_perplexity"),
    /** Mean over the training blocks of each block's perplexity under the generation-0 model (the paper's Fig. 1 densities). */
    BLOCK_PERPLEXITY_MEAN("block_perplexity_mean"),
    /** 10% quantile of the per-block perplexities under the generation-0 model. */
    BLOCK_PERPLEXITY_Q10("block_perplexity_q10"),
    /** Median of the per-block perplexities under the generation-0 model. */
    BLOCK_PERPLEXITY_MEDIAN("block_perplexity_median"),
    /** 90% quantile of the per-block perplexities under the generation-0 model. */
    BLOCK_PERPLEXITY_Q90("block_perplexity_q90"),
    /** -sum p ln p of the text's unigram distribution (nats). */
    UNIGRAM_ENTROPY("unigram_entropy"),
    /** 1 - sum p^2 of the text's unigram distribution (the categorical chain's heterozygosity: C2 at order 1). */
    UNIGRAM_HETEROZYGOSITY("unigram_heterozygosity"),
    /** Words of the vocabulary that occur in the text. */
    ALIVE_VOCABULARY("alive_vocabulary"),
    /** The original unigram mass of the words that no longer occur. */
    LOST_MASS("lost_mass"),
    /** Distinct unigrams over tokens. */
    DISTINCT_1("distinct_1"),
    /** Distinct bigrams over bigram occurrences (within blocks). */
    DISTINCT_2("distinct_2"),
    /** Distinct trigrams over trigram occurrences. */
    DISTINCT_3("distinct_3"),
    /** Distinct 4-grams over 4-gram occurrences. */
    DISTINCT_4("distinct_4"),
    /** Share of a block's tokens that occurred earlier in the same block. */
    REPETITION_1("repetition_1"),
    /** Share of a block's bigram occurrences that repeat an earlier one of the block. */
    REPETITION_2("repetition_2"),
    /** Share of a block's trigram occurrences that repeat an earlier one. */
    REPETITION_3("repetition_3"),
    /** Share of a block's 4-gram occurrences that repeat an earlier one. */
    REPETITION_4("repetition_4");

    /** The names, in column order. */
    public static final List<String> NAMES = Arrays.stream(values()).map(LmMetric::label).toList();

    private final String label;

    LmMetric(String label) {
        this.label = label;
    }

    /** @return the column name */
    public String label() {
        return label;
    }
}
