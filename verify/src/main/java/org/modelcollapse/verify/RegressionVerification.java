package org.modelcollapse.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.function.Supplier;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;
import org.modelcollapse.regression.Design;
import org.modelcollapse.regression.RegressionChain;
import org.modelcollapse.regression.RegressionMetric;
import org.modelcollapse.regression.RegressionSpec;

/**
 * Monte Carlo checks of the linear-regression chain (docs/theory.md, linear regression; SPEC §6 R1–R4):
 * R1 in both designs and modes, R2 in both modes out to generation 100 (the pi^2/6 bound), R3 as its
 * inequality, R4 for minimum-norm refits, the Euclidean error under a correlated Sigma_x, the test MSE,
 * and exact against samples mode where no closed form applies (mix, ridge). Critical z as in
 * {@link VerificationRunner}.
 */
public final class RegressionVerification {
    /** The family's checks, for {@link VerificationRunner}. */
    public static final Verification VERIFICATION = new Verification("regression", "Verification: linear-regression chain",
            seed -> new RegressionVerification(seed).tasks());

    private static final int EXCESS = RegressionMetric.EXCESS_RISK.index();
    private static final int DISTANCE = RegressionMetric.SQ_DISTANCE.index();
    private static final int REPS = 20_000;

    private final long seed;

    private RegressionVerification(long seed) {
        this.seed = seed;
    }

    private List<Supplier<List<Check>>> tasks() {
        return List.of(this::replace, this::accumulate, this::freshAccumulate, this::minimumNorm, this::correlatedDesign, this::modesAgree);
    }

    private long seedFor(String id, SamplingMode mode) {
        return VerificationRunner.seedFor(seed, id, mode);
    }

    /** @return per generation of {@code at} (increasing), the metric of every replicate */
    private static double[][] metricAt(RegressionSpec spec, int reps, long seed, int metric, int... at) {
        final double[][] values = new double[at.length][reps];
        Replicates.run(rng -> RegressionChain.create(spec, rng), reps, seed, (chain, r) -> {
            int k = 0;
            for (int g = 1; g <= at[at.length - 1]; g++) {
                chain.step();
                if (g == at[k]) {
                    values[k++][r] = chain.metrics()[metric];
                }
            }
        });
        return values;
    }

    private static void add(List<Check> rows, String id, String formula, IntToDoubleFunction expected, double[][] values, int... at) {
        for (int k = 0; k < at.length; k++) {
            final double[] ms = Replicates.meanAndSe(values[k]);
            rows.add(new Check(id + " t=" + at[k], formula, expected.applyAsDouble(at[k]), ms[0], ms[1], 0));
        }
    }

    /** R1: E ||w_t - w*||^2_Sigma = t B; d = 3, T = 20, sigma^2 = 1, fixed and fresh designs, exact and samples. */
    private List<Check> replace() {
        final List<Check> rows = new ArrayList<>();
        final IntToDoubleFunction r1 = RegressionClosedForms.excessRisk(1, 3, 20, Design.FIXED, Regime.replace());
        for (Design design : Design.values()) {
            for (SamplingMode mode : new SamplingMode[] {SamplingMode.EXACT, SamplingMode.SAMPLES}) {
                final RegressionSpec spec = RegressionSpec.standard(3, 20, design, 1, Regime.replace(), mode);
                final int[] at = mode == SamplingMode.EXACT ? new int[] {1, 10, 100} : new int[] {1, 10};
                add(rows, "R1 " + design.label() + " " + mode.label(), "E ||w_t - w*||^2 = t B, B = sigma^2 d/(T-d-1); d=3, T=20, sigma^2=1",
                        r1, metricAt(spec, mode == SamplingMode.EXACT ? REPS : REPS / 4, seedFor("R1 " + design.label(), mode), EXCESS, at), at);
            }
        }
        return rows;
    }

    /** R2: accumulate, fixed design, E ||w_t - w*||^2 = B sum_{i&lt;=t} 1/i^2; exact to t = 100, samples to t = 10. */
    private List<Check> accumulate() {
        final List<Check> rows = new ArrayList<>();
        final IntToDoubleFunction r2 = RegressionClosedForms.excessRisk(1, 3, 20, Design.FIXED, Regime.accumulate());
        final String formula = "E ||w_t - w*||^2 = B sum_{i<=t} 1/i^2 < (pi^2/6) B; fixed design, d=3, T=20, sigma^2=1";
        final int[] exactAt = {1, 10, 100};
        add(rows, "R2 exact", formula, r2, metricAt(RegressionSpec.standard(3, 20, Design.FIXED, 1, Regime.accumulate(), SamplingMode.EXACT),
                REPS, seedFor("R2", SamplingMode.EXACT), EXCESS, exactAt), exactAt);
        final int[] samplesAt = {2, 10};
        add(rows, "R2 samples", formula, r2, metricAt(RegressionSpec.standard(3, 20, Design.FIXED, 1, Regime.accumulate(), SamplingMode.SAMPLES),
                REPS / 4, seedFor("R2", SamplingMode.SAMPLES), EXCESS, samplesAt), samplesAt);
        return rows;
    }

    /**
     * R3, one-sided: with fresh designs accumulate's error stays below B sum 1/i^2 (the fixed design's), so a mean below the
     * bound passes whatever its distance (the allowance), and one above must be within the critical z.
     */
    private List<Check> freshAccumulate() {
        final List<Check> rows = new ArrayList<>();
        final int[] at = {10, 100};
        final double[][] values = metricAt(RegressionSpec.standard(3, 20, Design.FRESH, 1, Regime.accumulate(), SamplingMode.EXACT), REPS,
                seedFor("R3", SamplingMode.EXACT), EXCESS, at);
        final IntToDoubleFunction bound = RegressionClosedForms.excessRisk(1, 3, 20, Design.FIXED, Regime.accumulate());
        for (int k = 0; k < at.length; k++) {
            final double[] ms = Replicates.meanAndSe(values[k]);
            final double b = bound.applyAsDouble(at[k]);
            rows.add(new Check("R3 fresh accumulate t=" + at[k], "E ||w_t - w*||^2 <= B sum_{i<=t} 1/i^2 (one-sided); d=3, T=20, sigma^2=1",
                    b, ms[0], ms[1], Math.max(0, b - ms[0])));
        }
        return rows;
    }

    /** R4: minimum-norm refits, T = 5 &lt; d = 20, sigma = 0, fresh designs: E ||w_n - w*||^2 / ||w*||^2 = 1 - (T/d)^n. */
    private List<Check> minimumNorm() {
        final RegressionSpec spec = new RegressionSpec(20, Design.FRESH, 0, 0, true, null, RegressionSpec.identity(20),
                SampleSizeSchedule.constant(5), Regime.replace(), SamplingMode.SAMPLES, 0);
        final int[] at = {1, 3, 10};
        final double[][] ratio = new double[at.length][REPS / 4];
        final double[] w = new double[20];
        Replicates.run(rng -> RegressionChain.create(spec, rng), REPS / 4, seedFor("R4", SamplingMode.SAMPLES), (chain, r) -> {
            chain.readTrueWeights(w);
            double norm = 0;
            for (double v : w) {
                norm += v * v;
            }
            int k = 0;
            for (int g = 1; g <= at[at.length - 1]; g++) {
                chain.step();
                if (g == at[k]) {
                    ratio[k++][r] = chain.metrics()[DISTANCE] / norm;
                }
            }
        });
        final List<Check> rows = new ArrayList<>();
        add(rows, "R4 min-norm", "E ||w_n - w*||^2 / ||w*||^2 = 1 - (T/d)^n; T=5, d=20, sigma=0, fresh", RegressionClosedForms.forgetting(1, 20, 5),
                ratio, at);
        return rows;
    }

    /**
     * Sigma_x = diag(4, 1, 0.25): the excess risk is still t B, the Euclidean error t sigma^2 tr(Sigma_x^-1)/(T-d-1), and the
     * test MSE on 50 held-out points t B + sigma^2.
     */
    private List<Check> correlatedDesign() {
        final double[] sigma = {4, 0, 0, 0, 1, 0, 0, 0, 0.25};
        final RegressionSpec spec = new RegressionSpec(3, Design.FIXED, 0.5, 0, false, null, sigma, SampleSizeSchedule.constant(20),
                Regime.replace(), SamplingMode.EXACT, 50);
        final int t = 5;
        final long s = seedFor("RS", SamplingMode.EXACT);
        final double b = RegressionClosedForms.firstFitError(0.5, 3, 20);
        final String where = "; Sigma_x=diag(4,1,0.25), d=3, T=20, sigma^2=0.5, t=5";
        final List<Check> rows = new ArrayList<>();
        add(rows, "R1 Sigma_x", "E ||w_t - w*||^2_Sigma = t B" + where, g -> g * b, metricAt(spec, REPS, s, EXCESS, t), t);
        add(rows, "Euclidean", "E ||w_t - w*||^2 = t sigma^2 tr(Sigma_x^-1)/(T-d-1)" + where, g -> g * 0.5 * (0.25 + 1 + 4) / 16,
                metricAt(spec, REPS, s, DISTANCE, t), t);
        add(rows, "test MSE", "E test_mse = t B + sigma^2" + where, g -> g * b + 0.5,
                metricAt(spec, REPS, s, RegressionMetric.TEST_MSE.index(), t), t);
        return rows;
    }

    /** Exact and samples mode draw the same chain: two-sample z on the excess risk at t = 10 where no closed form is checked. */
    private List<Check> modesAgree() {
        final List<Check> rows = new ArrayList<>();
        final RegressionSpec[] specs = {
            RegressionSpec.standard(3, 20, Design.FIXED, 1, Regime.mix(0.5, 0, 0.5), SamplingMode.AUTO),
            RegressionSpec.standard(3, 20, Design.FRESH, 1, Regime.mix(0.5, 0, 0.5), SamplingMode.AUTO),
            new RegressionSpec(3, Design.FIXED, 1, 5, false, null, RegressionSpec.identity(3), SampleSizeSchedule.constant(20), Regime.accumulate(),
                    SamplingMode.AUTO, 0),
            new RegressionSpec(3, Design.FRESH, 1, 5, false, null, RegressionSpec.identity(3), SampleSizeSchedule.constant(8), Regime.replace(),
                    SamplingMode.AUTO, 0),
        };
        final String[] names = {"mix fixed", "mix fresh", "ridge accumulate fixed", "ridge fresh T=8"};
        for (int k = 0; k < specs.length; k++) {
            final double[] exact = metricAt(specs[k].withMode(SamplingMode.EXACT), REPS / 4, seedFor("EQ " + names[k], SamplingMode.EXACT), EXCESS, 10)[0];
            final double[] samples = metricAt(specs[k].withMode(SamplingMode.SAMPLES), REPS / 4, seedFor("EQ " + names[k], SamplingMode.SAMPLES),
                    EXCESS, 10)[0];
            final double[] a = Replicates.meanAndSe(exact);
            final double[] b = Replicates.meanAndSe(samples);
            rows.add(new Check("exact = samples: " + names[k], "mean(exact) - mean(samples) = 0 for ||w_10 - w*||^2; d=3, sigma^2=1"
                    + (k >= 2 ? ", lambda=5" : ", alpha=gamma=0.5"), 0, a[0] - b[0], Math.hypot(a[1], b[1]), 0));
        }
        return rows;
    }
}
