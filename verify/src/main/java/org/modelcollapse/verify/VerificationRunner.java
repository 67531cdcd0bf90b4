package org.modelcollapse.verify;

import java.util.List;
import java.util.function.Supplier;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.modelcollapse.process.SamplingMode;

/**
 * Runs a family's checks and judges them, the same way for every family: each row passes when
 * |observed - expected| &lt;= z se (+ a stated allowance), with z set for a family-wise false-alarm
 * rate of {@value #FAMILY_ALPHA} over all rows of a report (Bonferroni).
 */
public final class VerificationRunner {
    /** Family-wise false-alarm probability of a whole report. */
    public static final double FAMILY_ALPHA = 1e-3;

    private VerificationRunner() {}

    /** @return every check's row, computed in parallel, in the order of the family's tasks */
    public static List<Check> run(Verification verification, long seed) {
        final List<Supplier<List<Check>>> tasks = verification.checks().apply(seed);
        return tasks.parallelStream().map(Supplier::get).flatMap(List::stream).toList();
    }

    /** @return the two-sided critical z for {@code rows} checks at {@link #FAMILY_ALPHA} */
    public static double criticalZ(int rows) {
        return NormalDistribution.of(0, 1).inverseSurvivalProbability(FAMILY_ALPHA / rows / 2);
    }

    /** @return the seed of one check, from the report's root seed, the check's id and its mode */
    static long seedFor(long root, String id, SamplingMode mode) {
        return root ^ (id.hashCode() * 0x9E3779B97F4A7C15L) ^ mode.ordinal();
    }
}
