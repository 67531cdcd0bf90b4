package org.modelcollapse.experiment;

/**
 * What one replicate ended with.
 *
 * @param replicate index r
 * @param absorbedAt generation of absorption, or -1
 * @param absorbingState the absorbing state, or -1
 * @param lastGeneration the last generation measured
 * @param finalMetrics metrics at {@code lastGeneration}
 */
public record ReplicateOutcome(int replicate, int absorbedAt, int absorbingState, int lastGeneration, double[] finalMetrics) {}
