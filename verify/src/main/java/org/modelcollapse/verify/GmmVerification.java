package org.modelcollapse.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.gmm.CovarianceType;
import org.modelcollapse.gmm.Initialisation;
import org.modelcollapse.gmm.MixtureChain;
import org.modelcollapse.gmm.MixtureSpec;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;

/**
 * Monte Carlo checks of the Gaussian-mixture chain (docs/theory.md, GMM): with one component it is the
 * Gaussian chain with the maximum-likelihood estimator (N7, the MLE form of N4, the trace); EM recovers
 * a well-separated mixture's parameters; and the weights of well-separated components follow the
 * Wright–Fisher chain of their counts (C2 with M = N). The L2 closed form against quadrature and EM's
 * monotone objective are unit tests (MixtureMetricsTest, ExpectationMaximisationTest).
 */
public final class GmmVerification {
    /** The family's checks, for {@link VerificationRunner}. */
    public static final Verification VERIFICATION = new Verification("gmm", "Verification: Gaussian-mixture chain",
            seed -> new GmmVerification(seed).tasks());

    private final long seed;

    private GmmVerification(long seed) {
        this.seed = seed;
    }

    private List<Supplier<List<Check>>> tasks() {
        return List.of(this::singleComponent, this::recovery, this::wrightFisherWeights);
    }

    private long seedFor(String id) {
        return VerificationRunner.seedFor(seed, id, SamplingMode.SAMPLES);
    }

    private static Function<UniformRandomProvider, MixtureChain> chains(MixtureSpec spec) {
        return rng -> MixtureChain.create(spec, rng);
    }

    private static MixtureSpec spec(int d, int k, double[] w, double[] mu, double[] sigma, int m, double reg) {
        return new MixtureSpec(d, k, w, mu, sigma, CovarianceType.FULL, Initialisation.KMEANS, 1e-8, 2000, reg,
                SampleSizeSchedule.constant(m), Regime.replace(), 10);
    }

    /** k = 1, reg = 0, d = 2, Sigma_0 = diag(2, 0.5), M = 10, n = 8: N7, E tr Sigma_n and N4 with the MLE's divisor M. */
    private List<Check> singleComponent() {
        final int m = 10;
        final int n = 8;
        final int reps = 20_000;
        final MixtureSpec spec = spec(2, 1, new double[] {1}, new double[] {1, -1}, new double[] {2, 0, 0, 0.5}, m, 0);
        final double[] distance = new double[reps];
        final double[] trace = new double[reps];
        final double[] logDet = new double[reps];
        final double[] mean = new double[2];
        final double[] cov = new double[4];
        Replicates.run(chains(spec), reps, seedFor("G1"), (chain, r) -> {
            for (int g = 0; g < n; g++) {
                chain.step();
            }
            chain.readMean(0, mean);
            chain.readCovariance(0, cov);
            distance[r] = (mean[0] - 1) * (mean[0] - 1) + (mean[1] + 1) * (mean[1] + 1);
            trace[r] = cov[0] + cov[3];
            logDet[r] = Math.log(cov[0] * cov[3] - cov[1] * cov[2]);
        });
        final double growth = (m - 1.0) / m;
        double psi = 0;
        for (int i = 1; i <= 2; i++) {
            psi += Digamma.value((m - i) / 2.0) + Math.log(2.0 / m);
        }
        final String where = "; k=1, d=2, Sigma_0=diag(2, 0.5), M=10, n=8, reg=0";
        return List.of(
                check("G1 k=1 mean (N7)", "E ||mu_n - mu_0||^2 = tr Sigma_0 sum_{k<n} ((M-1)/M)^k / M" + where,
                        2.5 / m * (1 - Math.pow(growth, n)) / (1 - growth), distance),
                check("G1 k=1 trace", "E tr Sigma_n = tr Sigma_0 ((M-1)/M)^n" + where, 2.5 * Math.pow(growth, n), trace),
                check("G1 k=1 ln det (N4, MLE)", "E ln det Sigma_n = ln det Sigma_0 + n sum_i [psi((M-i)/2) + ln(2/M)]" + where,
                        Math.log(1.0) + n * psi, logDet));
    }

    /**
     * Generation 1 of a well-separated two-component mixture (means 12 standard deviations apart), N = 2000,
     * over 400 replicates: the mean of the estimates equals each weight, mean and covariance entry, the
     * covariance with the MLE's bias (1 - 1/N_j), N_j = w_j N (a point lands in the wrong component with
     * probability below 1e-30).
     */
    private List<Check> recovery() {
        final int n = 2000;
        final int reps = 400;
        final double[] w = {0.3, 0.7};
        final double[] mu = {-6, 0, 6, 1};
        final double[] sigma = {1, 0.4, 0.4, 0.8, 1.5, -0.3, -0.3, 0.6};
        final MixtureSpec spec = spec(2, 2, w, mu, sigma, n, 0);
        final double[][] weight = new double[2][reps];
        final double[][] mean = new double[4][reps];
        final double[][] cov = new double[8][reps];
        final double[] weights = new double[2];
        final double[] m = new double[2];
        final double[] c = new double[4];
        Replicates.run(chains(spec), reps, seedFor("G2"), (chain, r) -> {
            chain.step();
            chain.readWeights(weights);
            chain.readMean(0, m);
            final int first = m[0] < 0 ? 0 : 1;
            for (int comp = 0; comp < 2; comp++) {
                final int j = comp == 0 ? first : 1 - first;
                weight[comp][r] = weights[j];
                chain.readMean(j, m);
                chain.readCovariance(j, c);
                for (int e = 0; e < 2; e++) {
                    mean[2 * comp + e][r] = m[e];
                }
                for (int e = 0; e < 4; e++) {
                    cov[4 * comp + e][r] = c[e];
                }
            }
        });
        final List<Check> rows = new ArrayList<>();
        final String where = "; w=(0.3,0.7), N=2000, reg=0, 400 fits";
        for (int comp = 0; comp < 2; comp++) {
            rows.add(check("G2 weight " + (comp + 1), "E w_j = w_j" + where, w[comp], weight[comp]));
            for (int e = 0; e < 2; e++) {
                rows.add(check("G2 mean " + (comp + 1) + "," + (e + 1), "E mu_j = mu_j" + where, mu[2 * comp + e], mean[2 * comp + e]));
            }
            for (int e : new int[] {0, 1, 3}) {
                rows.add(check("G2 covariance " + (comp + 1) + " (" + (e / 2 + 1) + "," + (e % 2 + 1) + ")",
                        "E Sigma_j = Sigma_j (1 - 1/(w_j N))" + where, sigma[4 * comp + e] * (1 - 1 / (w[comp] * n)), cov[4 * comp + e]));
            }
        }
        return rows;
    }

    /**
     * Two components 20 standard deviations apart in one dimension, fitted with k = 2: each generation's
     * weights are its points' counts per component / N, a two-type Wright–Fisher chain, so E[1 - sum w_n^2]
     * = (1 - sum w_0^2)(1 - 1/N)^n (C2 with M = N). An approximation, exact but for a point assigned to the
     * far component (probability Phi(-10) = 8e-24 per point), or a component emptied: its weight would
     * first have to drift from 0.5 to 0.01, 7 standard deviations of its 20-generation spread (sd 0.07),
     * then lose all 1000 points (0.99^1000 = 4e-5): below 1e-7 expected replicates in the check.
     */
    private List<Check> wrightFisherWeights() {
        final int n = 1000;
        final int generations = 20;
        final int reps = 4000;
        final MixtureSpec spec = spec(1, 2, new double[] {0.5, 0.5}, new double[] {-10, 10}, new double[] {1, 1}, n, 1e-6);
        final double[] h = new double[reps];
        final double[] weights = new double[2];
        Replicates.run(chains(spec), reps, seedFor("G3"), (chain, r) -> {
            for (int g = 0; g < generations; g++) {
                chain.step();
            }
            chain.readWeights(weights);
            h[r] = 1 - weights[0] * weights[0] - weights[1] * weights[1];
        });
        return List.of(check("G3 weights as Wright-Fisher (C2, approx)", "E[1 - sum w_n^2] = (1 - sum w_0^2)(1 - 1/N)^n; "
                + "1-D means -10, 10, sd 1, w_0=(0.5,0.5), N=1000, n=20", 0.5 * Math.pow(1 - 1.0 / n, generations), h));
    }

    private static Check check(String id, String formula, double expected, double[] sample) {
        final double[] ms = Replicates.meanAndSe(sample);
        return new Check(id, formula, expected, ms[0], ms[1], 0);
    }
}
