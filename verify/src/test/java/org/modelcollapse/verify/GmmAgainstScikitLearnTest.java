package org.modelcollapse.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.modelcollapse.gmm.MixtureChain;
import org.modelcollapse.gmm.MixtureSpec;
import org.modelcollapse.process.SampleSizeSchedule;

/**
 * The paper's metric, the squared L2 distance to generation 1's fit, has the same distribution over
 * replicates in our chain as in scikit-learn's (bench/numpy/gmm.py: GaussianMixture fits and samples,
 * the paper's settings at M = 200): a two-sample Kolmogorov–Smirnov test at generations 10 and 100, each
 * at level 1e-3 / 2 (Bonferroni over the two). It needs a python3 with scikit-learn, which ./run-tests finds
 * or installs and passes as {@code -Dcollapse.sklearn.python}; the full-size comparison is in results/.
 */
class GmmAgainstScikitLearnTest {
    private static final long SEED = 20240724L;
    private static final int SAMPLES = 200;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "generation {0}, {1} replicates")
    @CsvSource({"10, 150", "100, 30"})
    void l2ToTheFirstFitMatchesScikitLearn(int generations, int replicates) throws Exception {
        final String python = System.getProperty("collapse.sklearn.python", "");
        Assumptions.assumeFalse(python.isEmpty(), "no python3 with scikit-learn was given (./run-tests finds or installs one)");
        final double[] theirs = scikitLearn(python, generations, replicates);
        final double[] ours = new double[replicates];
        final MixtureSpec spec = MixtureSpec.paper().withSamples(SampleSizeSchedule.constant(SAMPLES));
        final int l2 = MixtureChain.metricNames(spec).indexOf("l2_to_first");
        Replicates.run(rng -> MixtureChain.create(spec, rng), replicates, SEED + generations, (chain, r) -> {
            for (int g = 0; g < generations; g++) {
                chain.step();
            }
            ours[r] = chain.metrics()[l2];
        });
        final double p = KolmogorovSmirnovTest.withDefaults().test(ours, theirs).getPValue();
        System.out.printf("generation %d: KS p = %.4f; medians ours %.4g, scikit-learn %.4g%n", generations, p, median(ours), median(theirs));
        assertTrue(p > 1e-3 / 2, "KS p = " + p + " at generation " + generations + " (seed " + SEED + "): ours median "
                + median(ours) + ", scikit-learn's " + median(theirs));
    }

    /** @return final_l2_to_first of every replicate of gmm.py's run */
    private double[] scikitLearn(String python, int generations, int replicates) throws IOException, InterruptedException {
        final Path root = Path.of("").toAbsolutePath().getParent();
        final Path out = tmp.resolve("sklearn-" + generations);
        final ProcessBuilder builder = new ProcessBuilder(python, root.resolve("bench/numpy/gmm.py").toString(), "--samples", "" + SAMPLES,
                "--generations", "" + generations, "--replicates", "" + replicates, "--seed", "" + (SEED + generations), "--no-check",
                "--out", out.toString()).redirectErrorStream(true);
        builder.environment().put("OPENBLAS_NUM_THREADS", "1"); // one core, as the comparison's other side
        builder.environment().put("OMP_NUM_THREADS", "1");
        final Process p = builder.start();
        final String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "gmm.py ended");
        assertEquals(0, p.exitValue(), "gmm.py failed: " + log);
        final List<String> rows = Files.readAllLines(out.resolve("replicates.csv"));
        final int column = List.of(rows.get(0).split(",")).indexOf("final_l2_to_first");
        return rows.stream().skip(1).mapToDouble(r -> Double.parseDouble(r.split(",")[column])).toArray();
    }

    private static double median(double[] x) {
        final double[] s = x.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}
