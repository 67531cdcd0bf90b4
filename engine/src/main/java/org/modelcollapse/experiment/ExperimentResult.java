package org.modelcollapse.experiment;

import java.util.List;

/**
 * The aggregated output of an experiment.
 *
 * @param metricNames metric names, in column order
 * @param statistics mean and standard error of every metric at generations 0..lastGeneration over all replicates
 *                   (an absorbed replicate keeps its absorbed values)
 * @param lastGeneration the last generation reported
 * @param checkpointGenerations generations of the quantile table (0, 1, 2, 5, 10, ... and the last)
 * @param quantileLevels the quantile levels (0.05, 0.5, 0.95)
 * @param quantiles [checkpoint][metric][level]
 * @param bandGenerations the generations of the quantile band, a few hundred including the checkpoints
 * @param bandQuantiles [band generation][metric][level]
 * @param outcomes one per replicate, in replicate order
 * @param replicateGenerations generation steps actually computed (absorbed replicates are not stepped)
 * @param cpuNanos CPU time of the worker threads, summed
 * @param wallNanos wall time of the run
 * @param threads worker threads used
 */
public record ExperimentResult(List<String> metricNames, GenerationStatistics statistics, int lastGeneration,
                               int[] checkpointGenerations, double[] quantileLevels, double[][][] quantiles,
                               int[] bandGenerations, double[][][] bandQuantiles,
                               List<ReplicateOutcome> outcomes, long replicateGenerations, long cpuNanos,
                               long wallNanos, int threads) {
    /** @return replicate-generations per second of CPU time (per core) */
    public double replicateGenerationsPerCpuSecond() {
        return cpuNanos == 0 ? Double.NaN : replicateGenerations * 1e9 / cpuNanos;
    }
}
