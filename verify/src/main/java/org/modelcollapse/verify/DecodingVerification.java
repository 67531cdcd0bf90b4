package org.modelcollapse.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.modelcollapse.discrete.Curation;
import org.modelcollapse.discrete.Decoding;
import org.modelcollapse.discrete.DiscreteChain;
import org.modelcollapse.discrete.DiscreteSpec;
import org.modelcollapse.discrete.InitialDistribution;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;

/**
 * Checks of sampling bias and curation on the categorical chain (SPEC §6, "Language model and
 * decoding"; issue 15 §3 and §5), part of {@code collapse verify discrete}:
 * <ul>
 *   <li>D1 the maps themselves, exact (rows with SE 0 and a floating-point allowance): temperature
 *   maps Zipf(s) to Zipf(s / tau); top-k truncates Zipf(K, s) to Zipf(k, s) and is idempotent; top-p
 *   iterated under infinite samples reaches the fixed point that the partial sums of Zipf predict.</li>
 *   <li>D2 the chain: one generation's mean model is decode(q) (its counts are Multinomial(M, decode(q))),
 *   per state, and later generations draw from decode of the model they have: E[p_n - decode(p_(n-1))] = 0,
 *   in both modes.</li>
 *   <li>BT K-way Bradley–Terry curation: the first generation's mean model is the exact infinite-sample
 *   update U(q) ({@link BradleyTerryUpdate}), and later ones E[p_n - U(p_(n-1))] = 0; alone and after a
 *   temperature. (E p_n itself differs from U^n(q) by O(n / M), U being non-linear: the conditional
 *   statement is the exact one.)</li>
 * </ul>
 * Monte Carlo rows are judged like every row of the report: z from a Bonferroni correction over all of
 * its rows for a family-wise false-alarm rate of {@value VerificationRunner#FAMILY_ALPHA}.
 */
final class DecodingVerification {
    /** Allowance of the temperature and truncation maps: relative, wherever the expected value is a normal double. */
    static final double MAP_TOLERANCE = 1e-12;

    private final long seed;

    private DecodingVerification(long seed) {
        this.seed = seed;
    }

    /** @return the checks for a root seed, for {@link DiscreteVerification}'s report */
    static List<Supplier<List<Check>>> tasks(long seed) {
        final DecodingVerification v = new DecodingVerification(seed);
        final List<Supplier<List<Check>>> tasks = new ArrayList<>();
        tasks.add(DecodingVerification::temperatureMaps);
        tasks.add(DecodingVerification::truncationMaps);
        tasks.add(DecodingVerification::nucleusFixedPoints);
        for (SamplingMode mode : new SamplingMode[] {SamplingMode.EXACT, SamplingMode.SAMPLES}) {
            tasks.add(() -> v.decodedChain(mode));
        }
        tasks.add(() -> v.curatedChain(Decoding.NONE));
        tasks.add(() -> v.curatedChain(new Decoding(0.8, 0, 1)));
        return tasks;
    }

    /** D1: temperature tau maps Zipf(K, s) to Zipf(K, s / tau), K = 1000 and 10^6. */
    private static List<Check> temperatureMaps() {
        final List<Check> rows = new ArrayList<>();
        final double s = 1.1;
        for (int k : new int[] {1000, 1_000_000}) {
            final double[] q = InitialDistribution.zipf(k, s).probabilities();
            for (double tau : new double[] {0.01, 0.5, 2, 100}) {
                rows.add(exact("D1 temperature K=" + k + " tau=" + tau, "decode(Zipf(s)) = Zipf(s/tau), s=1.1; max relative error",
                        maxRelativeError(new Decoding(tau, 0, 1).apply(q), zipf(k, s / tau)), MAP_TOLERANCE));
            }
        }
        return rows;
    }

    /** D1: top-k of Zipf(K, s) is Zipf(k, s) on the first k states, and top-k twice is top-k once. */
    private static List<Check> truncationMaps() {
        final List<Check> rows = new ArrayList<>();
        final int k = 1000;
        final double[] q = InitialDistribution.zipf(k, 1.1).probabilities();
        for (int top : new int[] {1, 50, 999}) {
            final Decoding d = new Decoding(1, top, 1);
            final double[] once = d.apply(q);
            final double[] expected = new double[k];
            System.arraycopy(zipf(top, 1.1), 0, expected, 0, top);
            rows.add(exact("D1 top-k k=" + top, "top-k(Zipf(1000, 1.1)) = Zipf(k, 1.1); max relative error", maxRelativeError(once, expected),
                    MAP_TOLERANCE));
            rows.add(exact("D1 top-k idempotent k=" + top, "top-k(top-k(p)) = top-k(p); max relative difference",
                    maxRelativeError(d.apply(once), once), MAP_TOLERANCE));
        }
        return rows;
    }

    /**
     * D1: iterating top-p (the chain with infinite samples) from Zipf(K, s) reaches a fixed point, p
     * restricted to its first n* states; top-p's output p' (n states) is a fixed point iff its smallest
     * probability exceeds 1 - top-p (applying it again keeps the smallest m with S'_m &gt;= top-p, and
     * m = n iff S'_(n-1) = 1 - p'_n &lt; top-p). Expected: n_(t+1) = min{m : H_m &gt;= P H_(n_t)} from
     * the partial sums H_m = sum_(i&lt;=m) i^-s, until H_(n-1) &lt; P H_n; the fixed point is Zipf(n*, s).
     */
    private static List<Check> nucleusFixedPoints() {
        final List<Check> rows = new ArrayList<>();
        final int k = 1000;
        final double s = 1.1;
        for (double topP : new double[] {0.9, 0.99}) {
            final double[] h = new double[k + 1];
            for (int m = 1; m <= k; m++) {
                h[m] = h[m - 1] + Math.pow(m, -s);
            }
            int n = k;
            int steps = 0;
            while (true) {
                int next = 1;
                while (h[next] < topP * h[n]) {
                    next++;
                }
                if (next == n) {
                    break;
                }
                n = next;
                steps++;
            }
            final Decoding d = new Decoding(1, 0, topP);
            double[] p = InitialDistribution.zipf(k, s).probabilities();
            int iterations = 0;
            for (double[] next = d.apply(p); support(next) != support(p); next = d.apply(p)) {
                p = next;
                iterations++;
            }
            final double[] expected = new double[k];
            System.arraycopy(zipf(n, s), 0, expected, 0, n);
            final String setting = "top-p " + topP + ", Zipf(1000, 1.1)";
            rows.add(exact("D1 top-p fixed point states P=" + topP, "n* from n_(t+1) = min{m: H_m >= P H_(n_t)}; " + setting, support(p), n, 0));
            rows.add(exact("D1 top-p iterations P=" + topP, "iterations until top-p(p) = p; " + setting, iterations, steps, 0));
            rows.add(exact("D1 top-p fixed point P=" + topP, "fixed point = Zipf(n*, 1.1); max relative error", maxRelativeError(p, expected),
                    MAP_TOLERANCE));
            rows.add(exact("D1 top-p criterion P=" + topP, "fixed point: smallest kept p' > 1 - P (1 = holds)", smallest(p) > 1 - topP ? 1 : 0, 1, 0));
        }
        return rows;
    }

    /**
     * D2: one generation from q = Zipf(12, 1) under tau = 0.7, top-k 8, top-p 0.95: E p_1(j) = decode(q)_j
     * with SE sqrt(d_j (1 - d_j) / (M R)), and no point outside decode(q)'s support; then generations
     * 2-4, each drawn from decode of the model it follows: the mean over replicates of
     * sum_(n=2..4) [p_n(j) - decode(p_(n-1))_j] is 0 (martingale differences), SE from the replicates.
     */
    private List<Check> decodedChain(SamplingMode mode) {
        final InitialDistribution q = InitialDistribution.zipf(12, 1.0);
        final Decoding d = new Decoding(0.7, 8, 0.95);
        return chainRows("D2", mode, "tau=0.7, top-k 8, top-p 0.95; Zipf(12,1), M=200", q, 200, 20_000,
                new DiscreteSpec(q, SampleSizeSchedule.constant(200), Regime.replace(), 0, mode, d, null), d::apply);
    }

    /**
     * BT: K = 3 candidates, rewards (0, 1, 0.5, 2) on q = (0.4, 0.3, 0.2, 0.1): E p_1 = U(q) exactly
     * (every curated point is an iid draw from U(q)), and E[p_n - U(p_(n-1))] = 0 for n = 2..4; with a
     * temperature first, U(decode(p)).
     */
    private List<Check> curatedChain(Decoding d) {
        final InitialDistribution q = InitialDistribution.ofProbabilities(new double[] {0.4, 0.3, 0.2, 0.1});
        final double[] rewards = {0, 1, 0.5, 2};
        final int k = 3;
        final String id = d.isIdentity() ? "BT" : "BT tau=" + d.temperature();
        final UnaryOperator<double[]> update = p -> BradleyTerryUpdate.update(d.apply(p), rewards, k);
        return chainRows(id, SamplingMode.SAMPLES, "K=3, r=(0,1,0.5,2), q=(0.4,0.3,0.2,0.1), M=200" + (d.isIdentity() ? "" : ", tau " + d.temperature()),
                q, 200, 20_000, new DiscreteSpec(q, SampleSizeSchedule.constant(200), Regime.replace(), 0, SamplingMode.SAMPLES, d,
                        new Curation(k, rewards)), update);
    }

    /**
     * Rows of a chain whose points are iid draws from {@code map}(current model): generation 1 per state
     * against map(q), the mass outside map(q)'s support, and the pooled residuals of generations 2-4.
     */
    private List<Check> chainRows(String id, SamplingMode mode, String setting, InitialDistribution q, int m, int reps, DiscreteSpec spec,
                                  UnaryOperator<double[]> map) {
        final int k = q.states();
        final double[] expected = map.apply(q.probabilities());
        final double[][] first = new double[k][reps];
        final double[][] residual = new double[k][reps];
        final double[] outside = new double[1];
        final double[] p = new double[k];
        final long s = VerificationRunner.seedFor(seed, id, mode);
        Replicates.run(rng -> DiscreteChain.create(spec, rng), reps, s, (chain, r) -> {
            chain.step();
            chain.readProbabilities(p);
            for (int j = 0; j < k; j++) {
                first[j][r] = p[j];
                outside[0] += expected[j] == 0 ? p[j] : 0;
            }
            for (int n = 2; n <= 4; n++) {
                final double[] drawnFrom = map.apply(p);
                chain.step();
                chain.readProbabilities(p);
                for (int j = 0; j < k; j++) {
                    residual[j][r] += p[j] - drawnFrom[j];
                }
            }
        });
        final List<Check> rows = new ArrayList<>();
        final String tag = id + " " + mode.label();
        rows.add(exact(tag + " outside", "mass drawn outside the support of the map of q = 0; " + setting, outside[0], 0, 0));
        for (int j = 0; j < k; j++) {
            if (expected[j] == 0) {
                continue;
            }
            final double sd = Math.sqrt(expected[j] * (1 - expected[j]) / ((double) m * reps));
            rows.add(new Check(tag + " n=1 state " + j, "E p_1(j) = map(q)_j; " + setting, expected[j], Replicates.meanAndSe(first[j])[0], sd, 0));
        }
        for (int j = 0; j < k; j++) {
            if (expected[j] == 0) {
                continue;
            }
            final double[] ms = Replicates.meanAndSe(residual[j]);
            rows.add(new Check(tag + " n=2..4 state " + j, "E sum_n [p_n(j) - map(p_(n-1))_j] = 0; " + setting, 0, ms[0], ms[1], 0));
        }
        return rows;
    }

    /** A deterministic row: SE 0, passing when |observed - expected| &lt;= allowance. */
    private static Check exact(String id, String formula, double observed, double allowance) {
        return exact(id, formula, observed, 0, allowance);
    }

    private static Check exact(String id, String formula, double observed, double expected, double allowance) {
        return new Check(id, formula, expected, observed, 0, allowance);
    }

    /** Zipf(K, s) computed in log space: ln q_j = -s ln(j + 1) - ln Z, Z summed from the smallest term up. */
    static double[] zipf(int k, double s) {
        double z = 0;
        for (int j = k - 1; j >= 0; j--) {
            z += Math.exp(-s * Math.log(j + 1));
        }
        final double lnZ = Math.log(z);
        final double[] q = new double[k];
        for (int j = 0; j < k; j++) {
            q[j] = Math.exp(-s * Math.log(j + 1) - lnZ);
        }
        return q;
    }

    /** @return max_j |got_j - want_j| / max(want_j, the smallest normal double) */
    static double maxRelativeError(double[] got, double[] want) {
        double worst = 0;
        for (int j = 0; j < want.length; j++) {
            worst = Math.max(worst, Math.abs(got[j] - want[j]) / Math.max(want[j], Double.MIN_NORMAL));
        }
        return worst;
    }

    private static int support(double[] p) {
        int n = 0;
        for (double v : p) {
            n += v > 0 ? 1 : 0;
        }
        return n;
    }

    private static double smallest(double[] p) {
        double min = 1;
        for (double v : p) {
            min = v > 0 ? Math.min(min, v) : min;
        }
        return min;
    }
}
