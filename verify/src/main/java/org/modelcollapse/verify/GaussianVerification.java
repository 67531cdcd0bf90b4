package org.modelcollapse.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.Trigamma;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.modelcollapse.gaussian.Estimator;
import org.modelcollapse.gaussian.GaussianChain;
import org.modelcollapse.gaussian.GaussianMetric;
import org.modelcollapse.gaussian.GaussianSpec;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;
import org.modelcollapse.random.ReplicateStreams;

/**
 * Monte Carlo checks of the Gaussian chain (unbiased estimator unless stated) against the closed forms
 * of SPEC §6 N1–N7, each in the exact and the per-sample mode; the Wishart draws of the exact mode
 * against E W = (M - 1) Sigma and E ln det W; and the two modes against each other (two-sample z on
 * ln det Sigma_20 and ||mu_20 - mu_0||^2 at d = 4, M = 10); the mix and accumulate regimes against
 * their exact moment recursions; and Theorem 3.1's collapse, the fraction
 * of replicates with sigma_n^2 below epsilon rising to 1. Critical z as in {@link VerificationRunner}.
 */
public final class GaussianVerification {
    private static final int DISTANCE = GaussianMetric.MEAN_SQ_DISTANCE.index();
    private static final int TRACE = GaussianMetric.TRACE.index();
    private static final int LOG_DET = GaussianMetric.LOG_DET.index();
    private static final int W2 = GaussianMetric.W2_SQUARED.index();

    private static final int R = 40_000;
    /** A correlated Sigma_0 with det 2.545 and trace 4.5. */
    private static final double[] SIGMA3 = {2, 0.5, 0, 0.5, 1.5, 0.3, 0, 0.3, 1};
    private static final double DET3 = 2 * (1.5 - 0.09) - 0.5 * 0.5;

    /** The family's checks, for {@link VerificationRunner}. */
    public static final Verification VERIFICATION = new Verification("gaussian", "Verification: Gaussian chain",
            seed -> new GaussianVerification(seed).tasks());

    private final long seed;

    private GaussianVerification(long seed) {
        this.seed = seed;
    }

    private List<Supplier<List<Check>>> tasks() {
        final List<Supplier<List<Check>>> tasks = new ArrayList<>();
        for (SamplingMode mode : new SamplingMode[] {SamplingMode.EXACT, SamplingMode.SAMPLES}) {
            tasks.add(() -> oneDimensional(mode, 10, 5, true));
            tasks.add(() -> oneDimensional(mode, 4, 30, false));
            tasks.add(() -> determinant(mode));
            tasks.add(() -> maximumLikelihood(mode));
            tasks.add(() -> regimes(mode));
        }
        for (SamplingMode mode : new SamplingMode[] {SamplingMode.EXACT, SamplingMode.SAMPLES}) {
            tasks.add(() -> theorem31(mode));
        }
        tasks.add(() -> normalTails(0));
        tasks.add(() -> normalTails(1));
        tasks.add(this::wishart);
        tasks.add(this::modesAgree);
        return tasks;
    }

    private long seedFor(String id, SamplingMode mode) {
        return VerificationRunner.seedFor(seed, id, mode);
    }

    /** Runs R replicates for n generations and returns the metrics of each at generation n. */
    private static double[][] finalMetrics(GaussianSpec spec, int n, int replicates, long seed) {
        final ReplicateStreams streams = ReplicateStreams.of(seed);
        final GaussianChain chain = GaussianChain.create(spec, streams.next());
        final double[][] out = new double[GaussianChain.METRICS.size()][replicates];
        final double[] m = new double[GaussianChain.METRICS.size()];
        for (int r = 0; r < replicates; r++) {
            chain.reset(streams.next());
            for (int g = 0; g < n; g++) {
                chain.step();
            }
            chain.readMetrics(m);
            for (int k = 0; k < m.length; k++) {
                out[k][r] = m[k];
            }
        }
        return out;
    }

    private static Check check(String id, String formula, double expected, double[] sample) {
        final double[] ms = Replicates.meanAndSe(sample);
        return new Check(id, formula, expected, ms[0], ms[1], 0);
    }

    /**
     * N1, N2 (and N3, N6 if {@code momentsOfVariance}) in one dimension: sigma_0^2 = 4, mu_0 = 3. N3 and
     * N6 average sigma_k^2 over generations, whose variance explodes like N8's; they are checked only
     * where n is small against M, while N1 and N2 (sigma and ln sigma^2) are also checked over 30
     * generations of M = 4.
     */
    private List<Check> oneDimensional(SamplingMode mode, int m, int n, boolean momentsOfVariance) {
        final double var0 = 4;
        final GaussianSpec spec = GaussianSpec.standard(1, m).withOriginal(new double[] {3}, new double[] {var0}).withMode(mode);
        final double[][] x = finalMetrics(spec, n, R, seedFor("N1 " + m, mode));
        final double[] sigma = x[TRACE].clone();
        for (int i = 0; i < sigma.length; i++) {
            sigma[i] = Math.sqrt(sigma[i]);
        }
        final String where = String.format("; d=1, sigma_0^2=4, M=%d, n=%d", m, n);
        final double c4n = Math.pow(ClosedForms.c4(m), n);
        final String label = mode.label() + " M=" + m + " n=" + n;
        final List<Check> rows = new ArrayList<>(List.of(
                check("N1 " + label, "E sigma_n = sigma_0 c4(M)^n" + where, Math.sqrt(var0) * c4n, sigma),
                check("N2 " + label, "E ln sigma_n^2 = ln sigma_0^2 + n[psi((M-1)/2) + ln(2/(M-1))]" + where,
                        Math.log(var0) + n * (Digamma.value((m - 1) / 2.0) + Math.log(2.0 / (m - 1))), x[LOG_DET])));
        if (momentsOfVariance) {
            // The curves the plots draw (ClosedForms), so that these rows check them too.
            final SampleSizeSchedule sizes = SampleSizeSchedule.constant(m);
            rows.add(check("N3 " + label, "E (mu_n - mu_0)^2 = n sigma_0^2 / M" + where,
                    ClosedForms.meanSquaredDistance(var0, sizes, Regime.replace(), Estimator.UNBIASED, false).applyAsDouble(n), x[DISTANCE]));
            rows.add(check("N6 " + label, "E W2^2 = n sigma_0^2/M + 2 sigma_0^2 (1 - c4(M)^n)" + where,
                    ClosedForms.w2Squared(var0, 1, sizes, Regime.replace(), Estimator.UNBIASED, false).applyAsDouble(n), x[W2]));
        }
        return rows;
    }

    /** N3, N4, N5 at d = 3 with a correlated Sigma_0. */
    private List<Check> determinant(SamplingMode mode) {
        final int m = 12;
        final int d = 3;
        final GaussianSpec base = GaussianSpec.standard(d, m).withOriginal(new double[] {1, -1, 0}, SIGMA3).withMode(mode);
        final List<Check> rows = new ArrayList<>();
        double ratio = 1;
        for (int i = 1; i <= d; i++) {
            ratio *= (m - i) / (m - 1.0);
        }
        final int n = 5;
        final double[][] x = finalMetrics(base, n, R, seedFor("N4", mode));
        final String where = "; d=3, det Sigma_0=2.545, M=12, n=" + n;
        rows.add(check("N3 " + mode.label() + " d=3", "E ||mu_n - mu_0||^2 = n tr Sigma_0 / M" + where, n * 4.5 / m, x[DISTANCE]));
        rows.add(check("N4 " + mode.label() + " d=3", "E ln det Sigma_n = ln det Sigma_0 + n sum_i [psi((M-i)/2) + ln(2/(M-1))]" + where,
                ClosedForms.logDet(Math.log(DET3), d, SampleSizeSchedule.constant(m), Regime.replace(), Estimator.UNBIASED, false).applyAsDouble(n), x[LOG_DET]));
        // det has a variance that grows like N8's: two generations keep its Monte Carlo error small.
        final double[][] y = finalMetrics(base, 2, R, seedFor("N5", mode));
        final double[] det = y[2].clone();
        for (int i = 0; i < det.length; i++) {
            det[i] = Math.exp(det[i]);
        }
        rows.add(check("N5 " + mode.label() + " d=3", "E det Sigma_n = det Sigma_0 [prod_i (M-i)/(M-1)]^n; d=3, M=12, n=2",
                DET3 * ratio * ratio, det));
        return rows;
    }

    /** N7: maximum-likelihood estimator. */
    private List<Check> maximumLikelihood(SamplingMode mode) {
        final int m = 5;
        final int n = 8;
        final GaussianSpec spec = GaussianSpec.standard(2, m).withEstimator(Estimator.MLE).withMode(mode);
        final double[][] x = finalMetrics(spec, n, R, seedFor("N7", mode));
        return List.of(check("N7 " + mode.label(), "MLE: E ||mu_n - mu_0||^2 = tr Sigma_0 (1 - ((M-1)/M)^n); d=2, M=5, n=8",
                2 * (1 - Math.pow((m - 1.0) / m, n)), x[DISTANCE]));
    }

    /**
     * Theorem 3.1 (Sigma_n -&gt; 0 almost surely), in one dimension: ln(sigma_n^2/sigma_0^2) is a sum of n
     * independent Y = ln(chi-square(M-1)/(M-1)), mean psi((M-1)/2) + ln(2/(M-1)), variance psi'((M-1)/2),
     * so P(sigma_n^2 &lt; eps sigma_0^2) rises to 1; approximated by the central limit theorem, with the
     * Berry–Esseen bound 0.4748 rho / (s^3 sqrt(n)) (I. Shevtsova 2011, arXiv:1111.6554) as the stated
     * allowance, rho = E|Y - mean|^3 by quadrature. M = 10, eps = 10^-3.
     */
    private List<Check> theorem31(SamplingMode mode) {
        final int m = 10;
        final double eps = 1e-3;
        final int[] at = {50, 100, 200, 1000};
        final int reps = 20_000;
        final GaussianSpec spec = GaussianSpec.standard(1, m).withMode(mode);
        final ReplicateStreams streams = ReplicateStreams.of(seedFor("T31", mode));
        final GaussianChain chain = GaussianChain.create(spec, streams.next());
        final long[] below = new long[at.length];
        final double[] metrics = new double[GaussianChain.METRICS.size()];
        for (int r = 0; r < reps; r++) {
            chain.reset(streams.next());
            for (int k = 0; k < at.length; k++) {
                while (chain.generation() < at[k]) {
                    chain.step();
                }
                chain.readMetrics(metrics);
                below[k] += metrics[TRACE] < eps ? 1 : 0;
            }
        }
        final double nu = m - 1;
        final double mean = Digamma.value(nu / 2) + Math.log(2 / nu);
        final double sd = Math.sqrt(Trigamma.value(nu / 2));
        final double rho = absoluteThirdMoment(nu, mean, sd);
        final List<Check> rows = new ArrayList<>();
        for (int k = 0; k < at.length; k++) {
            final int n = at[k];
            final double expected = NormalDistribution.of(0, 1).cumulativeProbability((Math.log(eps) - n * mean) / (sd * Math.sqrt(n)));
            final double p = (double) below[k] / reps;
            final double se = Math.max(Math.sqrt(p * (1 - p) / reps), 1.0 / reps);
            rows.add(new Check("Thm 3.1 " + mode.label() + " n=" + n, "P(sigma_n^2 < 1e-3 sigma_0^2) -> 1; approx (CLT), allowance Berry-Esseen; d=1, M=10",
                    expected, p, se, 0.4748 * rho / (sd * sd * sd * Math.sqrt(n))));
        }
        return rows;
    }

    /** E|Y - mean|^3 for Y = ln(X/nu), X ~ chi-square(nu), by Simpson's rule over mean +- 40 sd. */
    private static double absoluteThirdMoment(double nu, double mean, double sd) {
        final int steps = 200_000;
        final double lo = mean - 40 * sd;
        final double h = 80 * sd / steps;
        final double logNorm = (nu / 2) * Math.log(2) + LogGamma.value(nu / 2);
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            final double y = lo + i * h;
            final double x = nu * Math.exp(y);
            // density of Y: f_X(x) x, with ln f_X(x) = (nu/2 - 1) ln x - x/2 - ln(2^(nu/2) Gamma(nu/2)).
            final double density = Math.exp((nu / 2) * Math.log(x) - x / 2 - logNorm);
            final double w = i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2;
            sum += w * Math.pow(Math.abs(y - mean), 3) * density;
        }
        return sum * h / 3;
    }

    /**
     * The mix and accumulate regimes against exact recursions of Q_n = E||mu_n - mu_0||^2 and
     * T_n = E tr Sigma_n (unbiased estimator, d = 2, Sigma_0 = I, 10 generations), from the tower property:
     * <ul>
     *   <li>mix, a model points and c = M - a fresh original points: block means xbar_a ~ N(mu_n, Sigma_n/a),
     *   xbar_c ~ N(mu_0, Sigma_0/c), so Q_{n+1} = (a/M)^2 Q_n + (a T_n + c T_0)/M^2, and the merged scatter
     *   S_a + S_c + (ac/M) delta delta^T has E tr = (a-1) T_n + (c-1) T_0 + (ac/M)(Q_n + T_n/a + T_0/c);</li>
     *   <li>accumulate, pool of N_k = k M points with mean mu_k: the new block's mean moves it by
     *   (M/N_{k+1})(xbar - mu_k), so Q_{k+1} = Q_k + M T_k / N_{k+1}^2, and the pooled scatter grows by
     *   S_B + (N_k M/N_{k+1}) delta delta^T, E tr = (M - 1 + N_k/N_{k+1}) T_k.</li>
     * </ul>
     */
    private List<Check> regimes(SamplingMode mode) {
        final List<Check> rows = new ArrayList<>();
        final int m = 20;
        final int n = 10;
        final Regime mixRegime = Regime.mix(0.75, 0, 0.25);
        final double a = mixRegime.modelPoints(m);
        final double c = mixRegime.freshPoints(m);
        double q = 0;
        double t = 2;
        for (int g = 0; g < n; g++) {
            final double nextQ = (a / m) * (a / m) * q + a * t / (m * m) + c * 2.0 / (m * m);
            t = ((a - 1 + c / m) * t + (c - 1 + a / m) * 2 + (a * c / m) * q) / (m - 1);
            q = nextQ;
        }
        final GaussianSpec mix = GaussianSpec.standard(2, m).withRegime(mixRegime).withMode(mode);
        final double[][] x = finalMetrics(mix, n, R, seedFor("MIX", mode));
        rows.add(check("mix " + mode.label() + " mean", "Q_{n+1} = (a/M)^2 Q_n + (a T_n + c T_0)/M^2; a=15, c=5, M=20, n=10", q, x[DISTANCE]));
        rows.add(check("mix " + mode.label() + " trace",
                "T_{n+1} = [(a-1+c/M) T_n + (c-1+a/M) T_0 + (ac/M) Q_n]/(M-1); a=15, c=5, M=20, n=10", t, x[TRACE]));
        final int ma = 10;
        double qa = 0;
        double ta = 2;
        double scatter = 0;
        for (int k = 0; k < n; k++) {
            final double pool = (double) k * ma;
            final double next = pool + ma;
            qa += ma * ta / (next * next);
            scatter += (ma - 1 + pool / next) * ta;
            ta = scatter / (next - 1);
        }
        final GaussianSpec accumulate = GaussianSpec.standard(2, ma).withRegime(Regime.accumulate()).withMode(mode);
        final double[][] y = finalMetrics(accumulate, n, R, seedFor("ACC", mode));
        rows.add(check("accumulate " + mode.label() + " mean", "Q_{k+1} = Q_k + M T_k / N_{k+1}^2, N_k = k M; M=10, n=10", qa, y[0]));
        rows.add(check("accumulate " + mode.label() + " trace",
                "E tr S_{k+1} = E tr S_k + (M-1+N_k/N_{k+1}) T_k, T_k = E tr S_k/(N_k-1); M=10, n=10", ta, y[1]));
        return rows;
    }

    /** Normals per tail task: two tasks give 2^33 = 8.6e9 draws, about 17 expected beyond 6 sd. */
    private static final long TAIL_DRAWS = 1L << 32;
    private static final int[] TAIL_SD = {4, 5, 6};

    /**
     * Tail frequencies of the normal kernel chosen for this JVM, P(|Z| &gt; k) = 2 Phi(-k) for k = 4, 5, 6,
     * each half of the draws on its own lanes (seeded from the report's seed and {@code half}).
     */
    private List<Check> normalTails(int half) {
        final org.modelcollapse.simd.LxmLanes lanes = org.modelcollapse.simd.LxmLanes.of(
                org.apache.commons.rng.simple.RandomSource.L64_X128_MIX.create(seedFor("TAILS " + half, SamplingMode.SAMPLES)));
        final org.modelcollapse.simd.NormalKernels kernels = org.modelcollapse.simd.Kernels.normal();
        final int block = 1 << 20;
        final double[] x = new double[block];
        final long[] beyond = new long[TAIL_SD.length];
        for (long done = 0; done < TAIL_DRAWS; done += block) {
            kernels.fillStandardNormals(lanes, x, block);
            for (double v : x) {
                final double a = Math.abs(v);
                for (int k = 0; k < TAIL_SD.length; k++) {
                    beyond[k] += a > TAIL_SD[k] ? 1 : 0;
                }
            }
        }
        final List<Check> rows = new ArrayList<>();
        for (int k = 0; k < TAIL_SD.length; k++) {
            final double p = 2 * NormalDistribution.of(0, 1).survivalProbability(TAIL_SD[k]);
            rows.add(new Check("normal tail > " + TAIL_SD[k] + " sd (lanes " + half + ")",
                    "count of |Z| > k in 2^32 draws = 2^32 * 2 Phi(-k); Box-Muller kernel", TAIL_DRAWS * p, beyond[k],
                    Math.sqrt(TAIL_DRAWS * p * (1 - p)), 0));
        }
        return rows;
    }

    /** The exact mode's scatter after one generation is W ~ Wishart_3(M - 1, Sigma_0): E W and E ln det W. */
    private List<Check> wishart() {
        final int m = 8;
        final int d = 3;
        final GaussianSpec spec = GaussianSpec.standard(d, m).withOriginal(new double[d], SIGMA3).withMode(SamplingMode.EXACT);
        final ReplicateStreams streams = ReplicateStreams.of(seedFor("W", SamplingMode.EXACT));
        final GaussianChain chain = GaussianChain.create(spec, streams.next());
        final int[][] entries = {{0, 0}, {0, 1}, {1, 1}, {2, 1}, {2, 2}};
        final double[][] w = new double[entries.length][R];
        final double[] logDet = new double[R];
        final double[] metrics = new double[GaussianChain.METRICS.size()];
        final double[] sigma = new double[d * d];
        for (int r = 0; r < R; r++) {
            chain.reset(streams.next());
            chain.step();
            chain.readCovariance(sigma);
            for (int e = 0; e < entries.length; e++) {
                w[e][r] = (m - 1) * sigma[entries[e][0] * d + entries[e][1]];
            }
            chain.readMetrics(metrics);
            logDet[r] = metrics[LOG_DET] + d * Math.log(m - 1);
        }
        final List<Check> rows = new ArrayList<>();
        for (int e = 0; e < entries.length; e++) {
            final int i = entries[e][0];
            final int j = entries[e][1];
            rows.add(check("Wishart E W(" + i + "," + j + ")", "E W = (M-1) Sigma; W ~ Wishart_3(M-1, Sigma_0), M=8",
                    (m - 1) * SIGMA3[i * d + j], w[e]));
        }
        double psi = 0;
        for (int i = 1; i <= d; i++) {
            psi += Digamma.value((m - i) / 2.0);
        }
        rows.add(check("Wishart E ln det W", "E ln det W = ln det Sigma + sum_i psi((M-i)/2) + d ln 2; M=8",
                Math.log(DET3) + psi + d * Math.log(2), logDet));
        return rows;
    }

    /** Exact and samples mode draw the same chain: two-sample z on two statistics after 20 generations. */
    private List<Check> modesAgree() {
        final GaussianSpec spec = GaussianSpec.standard(4, 10);
        final double[][] exact = finalMetrics(spec.withMode(SamplingMode.EXACT), 20, R, seedFor("EQ", SamplingMode.EXACT));
        final double[][] samples = finalMetrics(spec.withMode(SamplingMode.SAMPLES), 20, R, seedFor("EQ", SamplingMode.SAMPLES));
        final List<Check> rows = new ArrayList<>();
        final String[] names = {"ln det Sigma_20", "||mu_20 - mu_0||^2"};
        final int[] metric = {LOG_DET, DISTANCE};
        for (int k = 0; k < names.length; k++) {
            final double[] a = Replicates.meanAndSe(exact[metric[k]]);
            final double[] b = Replicates.meanAndSe(samples[metric[k]]);
            rows.add(new Check("exact = samples: " + names[k], "mean(exact) - mean(samples) = 0; d=4, M=10, n=20",
                    0, a[0] - b[0], Math.hypot(a[1], b[1]), 0));
        }
        return rows;
    }
}
