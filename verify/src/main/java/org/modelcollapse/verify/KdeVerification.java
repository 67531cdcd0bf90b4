package org.modelcollapse.verify;

import java.util.BitSet;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.kde.KdeChain;
import org.modelcollapse.kde.KdeMetric;
import org.modelcollapse.kde.KdeSpec;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SamplingMode;
import org.modelcollapse.process.UserPoints;

/**
 * Monte Carlo checks of the kernel-density chain (Kazdan et al. 2024; docs/theory.md KDE, SPEC §6 K1), fixed
 * bandwidth: the spread's recursion K1 and the mean's random walk in replace (also over enough generations to
 * approach the fixed point (M - 1) h^2) and in accumulate ({@link KdeClosedForms}), and the sampler: one
 * generation's draws from the KDE on fixed user data have E S_1 = (1 - 1/M)(S_0 + h^2), S_0 known.
 */
public final class KdeVerification {
    /** The family's checks, for {@link VerificationRunner}. */
    public static final Verification VERIFICATION = new Verification("kde", "Verification: kernel-density chain",
            seed -> new KdeVerification(seed).tasks());

    private static final int VARIANCE = KdeMetric.DATA_VARIANCE.ordinal();
    private static final int DISTANCE = KdeMetric.MEAN_SQ_DISTANCE.ordinal();

    private final long seed;

    private KdeVerification(long seed) {
        this.seed = seed;
    }

    private List<Supplier<List<Check>>> tasks() {
        return List.of(() -> recursion("K1 replace", Regime.replace(), 10, 0.5, 8),
                () -> recursion("K1 replace, towards (M-1)h^2", Regime.replace(), 5, 1, 30),
                () -> recursion("K1 accumulate", Regime.accumulate(), 10, 0.5, 8),
                this::oneStepFromData);
    }

    /** d = 2, p_0 = N((1, -1), diag(2, 0.5)) (v0 = 1.25), 20000 replicates: data_variance and mean_sq_distance at generation n. */
    private List<Check> recursion(String id, Regime regime, int m, double h, int n) {
        final int reps = 20_000;
        final KdeSpec spec = KdeSpec.standard(2, h, m, 1).withOriginal(new double[] {1}, new double[] {1, -1}, new double[] {2, 0, 0, 0.5})
                .withRegime(regime);
        final double[] variance = new double[reps];
        final double[] distance = new double[reps];
        Replicates.run(chains(spec), reps, VerificationRunner.seedFor(seed, id, SamplingMode.SAMPLES), (chain, r) -> {
            for (int g = 0; g < n; g++) {
                chain.step();
            }
            variance[r] = chain.metrics()[VARIANCE];
            distance[r] = chain.metrics()[DISTANCE];
        });
        final double[][] expected = KdeClosedForms.curves(1.25, 2, h, spec.samples(), regime, n);
        final String where = String.format(java.util.Locale.ROOT, "; d=2, Sigma_0=diag(2, 0.5), M=%d, h=%s, generation %d", m, h, n);
        final String spread = regime.kind() == Regime.Kind.REPLACE ? "E S_{t+1} = (1-1/M)(E S_t + h^2), E S_0 = (1-1/M) v0"
                : "E S' = [n E S + M (E S + h^2)(1 - 1/(n+M))]/(n+M)";
        final String walk = regime.kind() == Regime.Kind.REPLACE ? "Q_{t+1} = Q_t + d (E S_t + h^2)/M, Q_0 = tr Sigma_0/M"
                : "Q' = Q + d M (E S + h^2)/(n+M)^2";
        return List.of(check(id + " data_variance", spread + where, expected[0][n], variance),
                check(id + " mean_sq_distance", walk + where, expected[1][n], distance));
    }

    /**
     * The sampler in one step: D_0 = the user's 4 points in 1-D {-1, 0, 0.5, 3} (biased variance S_0 = 2.296875), h = 0.4, M = 6;
     * generation 2's centres are M draws from the KDE on D_0, whose variance is S_0 + h^2, so E S_1 = (1 - 1/M)(S_0 + h^2).
     */
    private List<Check> oneStepFromData() {
        final int reps = 40_000;
        final int m = 6;
        final double h = 0.4;
        final double[] points = {-1, 0, 0.5, 3};
        final KdeSpec spec = KdeSpec.standard(1, h, m, 1).withData(new UserPoints(1, points, new double[] {0}));
        final double[] variance = new double[reps];
        Replicates.run(chains(spec), reps, VerificationRunner.seedFor(seed, "K1 sampler", SamplingMode.SAMPLES), (chain, r) -> {
            chain.step();
            chain.step();
            variance[r] = chain.metrics()[VARIANCE];
        });
        double mean = 0;
        for (double x : points) {
            mean += x / points.length;
        }
        double s0 = 0;
        for (double x : points) {
            s0 += (x - mean) * (x - mean) / points.length;
        }
        return List.of(check("K1 sampler: one step from data", "E S_1 = (1-1/M)(S_0 + h^2); D_0 = {-1, 0, 0.5, 3}, h=0.4, M=6",
                (1 - 1.0 / m) * (s0 + h * h), variance));
    }

    /** Chains that measure only the moments (the held-out NLL is not checked here). */
    private static Function<UniformRandomProvider, KdeChain> chains(KdeSpec spec) {
        final BitSet moments = new BitSet();
        moments.set(VARIANCE);
        moments.set(DISTANCE);
        return rng -> {
            final KdeChain chain = KdeChain.create(spec, rng);
            chain.requireMetrics(moments);
            return chain;
        };
    }

    private static Check check(String id, String formula, double expected, double[] sample) {
        final double[] ms = Replicates.meanAndSe(sample);
        return new Check(id, formula, expected, ms[0], ms[1], 0);
    }
}
