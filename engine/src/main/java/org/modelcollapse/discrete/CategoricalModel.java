package org.modelcollapse.discrete;

/**
 * A fitted categorical model: the probabilities weight / total of a support, which is the original
 * distribution, the data themselves (a fit without smoothing refers to its data rather than copying
 * them), or their smoothed counts.
 */
final class CategoricalModel {
    WeightedSupport support;
    /** True if the weights are integer counts small enough to be resampled as a list of labels. */
    boolean integral;
}
