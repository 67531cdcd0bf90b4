package org.modelcollapse.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.discrete.CategoricalMetric;
import org.modelcollapse.discrete.DiscreteChain;
import org.modelcollapse.discrete.DiscreteSpec;
import org.modelcollapse.discrete.InitialDistribution;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;

/**
 * Monte Carlo checks of the categorical chain against the closed forms of SPEC §6 (C1–C6), each
 * in the exact and the per-sample mode, then those of sampling bias and curation ({@link DecodingVerification}). Every check is |observed - expected| &lt;= z se (+ a stated
 * allowance for the C5 diffusion approximation), with z set for a family-wise false-alarm rate of
 * {@value VerificationRunner#FAMILY_ALPHA} over all rows (Bonferroni).
 */
public final class DiscreteVerification {
    /** The family's checks, for {@link VerificationRunner}. */
    public static final Verification VERIFICATION = new Verification("discrete", "Verification: categorical (Wright–Fisher) chain",
            seed -> new DiscreteVerification(seed).tasks());

    private final long seed;

    private DiscreteVerification(long seed) {
        this.seed = seed;
    }

    private List<Supplier<List<Check>>> tasks() {
        final List<Supplier<List<Check>>> tasks = new ArrayList<>();
        for (SamplingMode mode : new SamplingMode[] {SamplingMode.EXACT, SamplingMode.SAMPLES}) {
            tasks.add(() -> c1(mode));
            tasks.add(() -> c2(mode));
            tasks.add(() -> c3(mode));
            tasks.add(() -> c4(mode));
            tasks.add(() -> c5(mode));
            tasks.add(() -> c6(mode));
        }
        tasks.addAll(DecodingVerification.tasks(seed));
        return tasks;
    }

    private long seedFor(String id, SamplingMode mode) {
        return VerificationRunner.seedFor(seed, id, mode);
    }

    /** @return chains of {@code spec}, for {@link Replicates#run} */
    private static Function<UniformRandomProvider, DiscreteChain> chains(DiscreteSpec spec) {
        return rng -> DiscreteChain.create(spec, rng);
    }

    private static DiscreteSpec spec(InitialDistribution q, int m, Regime regime, SamplingMode mode) {
        return new DiscreteSpec(q, SampleSizeSchedule.constant(m), regime, 0, mode);
    }

    /** C1: absorption lands in state j with probability q_j. */
    private List<Check> c1(SamplingMode mode) {
        final double[] q = {0.5, 0.3, 0.2};
        final int reps = 20_000;
        final long[] landed = new long[q.length];
        Replicates.run(chains(spec(InitialDistribution.ofProbabilities(q), 20, Regime.replace(), mode)), reps, seedFor("C1", mode),
                (chain, r) -> {
                    while (!chain.absorbed()) {
                        chain.step();
                    }
                    landed[chain.absorbingState()]++;
                });
        final List<Check> rows = new ArrayList<>();
        for (int j = 0; j < q.length; j++) {
            rows.add(new Check("C1 " + mode.label() + " state " + j, "P(absorbed in j) = q_j; q=(0.5,0.3,0.2), M=20",
                    q[j], (double) landed[j] / reps, Math.sqrt(q[j] * (1 - q[j]) / reps), 0));
        }
        return rows;
    }

    /** C2: E[1 - sum p_n^2] = (1 - sum q^2)(1 - 1/M)^n. */
    private List<Check> c2(SamplingMode mode) {
        final InitialDistribution q = InitialDistribution.zipf(10, 1.0);
        final int m = 50;
        final int[] at = {1, 10, 60};
        final int reps = 20_000;
        final double[][] h = new double[at.length][reps];
        final double[] metrics = new double[8];
        Replicates.run(chains(spec(q, m, Regime.replace(), mode)), reps, seedFor("C2", mode), (chain, r) -> {
            for (int i = 0; i < at.length; i++) {
                while (chain.generation() < at[i]) {
                    chain.step();
                }
                chain.readMetrics(metrics);
                h[i][r] = metrics[CategoricalMetric.HETEROZYGOSITY.index()];
            }
        });
        final List<Check> rows = new ArrayList<>();
        for (int i = 0; i < at.length; i++) {
            final double[] ms = Replicates.meanAndSe(h[i]);
            // The curve the plots draw (ClosedForms), so that this row checks it too.
            final double[] curve = ClosedForms.heterozygosity(1 - q.sumOfSquares(), SampleSizeSchedule.constant(m), Regime.replace(), 0, at[i]);
            rows.add(new Check("C2 " + mode.label() + " n=" + at[i], "E[1-sum p_n^2] = (1-sum q^2)(1-1/M)^n; Zipf(10,1), M=50",
                    curve[at[i]], ms[0], ms[1], 0));
        }
        return rows;
    }

    /** C3: one step: P(state j lost) = (1 - q_j)^M and E alive = sum_j [1 - (1 - q_j)^M]. */
    private List<Check> c3(SamplingMode mode) {
        final InitialDistribution q = InitialDistribution.zipf(30, 1.2);
        final int m = 40;
        final int reps = 40_000;
        final int last = 29;
        final double[] alive = new double[reps];
        final double[] lost = new double[reps];
        final double[] p = new double[30];
        Replicates.run(chains(spec(q, m, Regime.replace(), mode)), reps, seedFor("C3", mode), (chain, r) -> {
            chain.step();
            chain.readProbabilities(p);
            int a = 0;
            for (double v : p) {
                a += v > 0 ? 1 : 0;
            }
            alive[r] = a;
            lost[r] = p[last] == 0 ? 1 : 0;
        });
        double expectedAlive = 0;
        for (int j = 0; j < 30; j++) {
            expectedAlive += 1 - Math.pow(1 - q.probability(j), m);
        }
        final double pLost = Math.pow(1 - q.probability(last), m);
        final double[] a = Replicates.meanAndSe(alive);
        return List.of(
                new Check("C3 " + mode.label() + " alive", "E alive after 1 step = sum_j 1-(1-q_j)^M; Zipf(30,1.2), M=40",
                        expectedAlive, a[0], a[1], 0),
                new Check("C3 " + mode.label() + " lost", "P(state 29 lost in 1 step) = (1-q_29)^M",
                        pLost, Replicates.meanAndSe(lost)[0], Math.sqrt(pLost * (1 - pLost) / reps), 0));
    }

    /** C4: E G_3(n) = lambda_3^n G_3(0), G_3 = P(3 draws distinct) = 1 - 3 S2 + 2 S3, lambda_3 = (1-1/M)(1-2/M). */
    private List<Check> c4(SamplingMode mode) {
        final InitialDistribution q = InitialDistribution.uniform(12);
        final int m = 30;
        final int n = 15;
        final int reps = 20_000;
        final double[] g = new double[reps];
        final double[] p = new double[12];
        Replicates.run(chains(spec(q, m, Regime.replace(), mode)), reps, seedFor("C4", mode), (chain, r) -> {
            while (chain.generation() < n) {
                chain.step();
            }
            chain.readProbabilities(p);
            g[r] = distinct3(p);
        });
        final double lambda = (1 - 1.0 / m) * (1 - 2.0 / m);
        final double[] ms = Replicates.meanAndSe(g);
        return List.of(new Check("C4 " + mode.label() + " k=3 n=" + n, "E G_3(n) = [(1-1/M)(1-2/M)]^n G_3(0); uniform(12), M=30",
                Math.pow(lambda, n) * distinct3(q.probabilities()), ms[0], ms[1], 0));
    }

    private static double distinct3(double[] p) {
        double s2 = 0;
        double s3 = 0;
        for (double v : p) {
            s2 += v * v;
            s3 += v * v * v;
        }
        return 1 - 3 * s2 + 2 * s3;
    }

    /**
     * C5: time to full collapse of two equal states, M = 100. Exact: the mean from the propagated
     * transition matrix (plus P(T &lt;= t) at three t). Approximate: the diffusion formula 1.386 M,
     * checked with an allowance equal to its measured distance from the exact mean.
     */
    private List<Check> c5(SamplingMode mode) {
        final int m = 100;
        final int reps = 10_000;
        final double[] times = new double[reps];
        Replicates.run(chains(spec(InitialDistribution.uniform(2), m, Regime.replace(), mode)), reps, seedFor("C5", mode), (chain, r) -> {
            while (!chain.absorbed()) {
                chain.step();
            }
            times[r] = chain.absorbedAt();
        });
        final double[] cdf = WrightFisher.absorptionCdf(m, m / 2, 6000);
        final double exactMean = WrightFisher.meanFromCdf(cdf);
        final double diffusion = WrightFisher.diffusionMeanTime(m, new double[] {0.5, 0.5});
        final double[] ms = Replicates.meanAndSe(times);
        final List<Check> rows = new ArrayList<>();
        rows.add(new Check("C5 " + mode.label() + " exact mean", "E T from the exact Binomial transition matrix; K=2 equal, M=100",
                exactMean, ms[0], ms[1], 0));
        rows.add(new Check("C5 " + mode.label() + " diffusion (approx)", "E T ~ -2M sum (1-q)ln(1-q) = 1.386 M; allowance |exact - diffusion|",
                diffusion, ms[0], ms[1], Math.abs(exactMean - diffusion)));
        for (int t : new int[] {50, 138, 300}) {
            int below = 0;
            for (double v : times) {
                below += v <= t ? 1 : 0;
            }
            rows.add(new Check("C5 " + mode.label() + " P(T<=" + t + ")", "exact absorption-time CDF, K=2 equal, M=100",
                    cdf[t], (double) below / reps, Math.sqrt(cdf[t] * (1 - cdf[t]) / reps), 0));
        }
        return rows;
    }

    /** C6: with fresh data, F_(n+1) = [a(a-1)F_n + M + (2ac + c^2 - c) sum q^2] / M^2. */
    private List<Check> c6(SamplingMode mode) {
        final InitialDistribution q = InitialDistribution.zipf(8, 0.8);
        final int m = 40;
        final double gamma = 0.1;
        final int n = 25;
        final int reps = 20_000;
        final double[] f = new double[reps];
        final double[] metrics = new double[8];
        final Regime regime = Regime.mix(1 - gamma, 0, gamma);
        Replicates.run(chains(spec(q, m, regime, mode)), reps, seedFor("C6", mode), (chain, r) -> {
            while (chain.generation() < n) {
                chain.step();
            }
            chain.readMetrics(metrics);
            f[r] = 1 - metrics[CategoricalMetric.HETEROZYGOSITY.index()];
        });
        // F_n = 1 - the plots' heterozygosity curve (ClosedForms: the recursion with c fresh points, a = M - c).
        final double expected = 1 - ClosedForms.heterozygosity(1 - q.sumOfSquares(), SampleSizeSchedule.constant(m), regime, 0, n)[n];
        final double[] ms = Replicates.meanAndSe(f);
        return List.of(new Check("C6 " + mode.label() + " n=" + n, "F_(n+1) = [a(a-1)F_n + M + (2ac+c^2-c)S2]/M^2; gamma=0.1, M=40",
                expected, ms[0], ms[1], 0));
    }
}
