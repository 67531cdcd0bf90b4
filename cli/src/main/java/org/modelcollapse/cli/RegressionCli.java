package org.modelcollapse.cli;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.modelcollapse.process.Regime;
import org.modelcollapse.regression.Design;
import org.modelcollapse.verify.ClosedForms;
import org.modelcollapse.verify.RegressionClosedForms;
import org.modelcollapse.verify.RegressionVerification;
import org.modelcollapse.verify.Verification;

/** The linear-regression family on the command line ({@link RegressionCommand}). */
final class RegressionCli implements FamilyCli {
    @Override
    public String name() {
        return "regression";
    }

    @Override
    public ExperimentCommand newCommand() {
        return new RegressionCommand();
    }

    @Override
    public Verification verification() {
        return RegressionVerification.VERIFICATION;
    }

    @Override
    public List<Plots.Metric> plots() {
        return List.of(new Plots.Metric("excess_risk", "||w - w*||^2_Sigma", "Excess risk of the fitted weights"),
                new Plots.Metric("step_norm", "||w_t - w_(t-1)||", "Size of each refit's step"),
                new Plots.Metric("test_mse", "test MSE", "Mean squared error on held-out labelled points"));
    }

    @Override
    public String size(RunFiles run) {
        return "d=" + run.parameters().get("dim") + ", T=" + run.parameters().get("samples");
    }

    /**
     * R1 and R2 for OLS with a constant T (excess risk; the Euclidean distance too when Sigma_x = I; the test MSE adds
     * sigma^2), and R4 for the distance of noise-free minimum-norm refits of fresh rows, T &lt; d, Sigma_x = I.
     */
    @Override
    public double[] closedForm(RunFiles run, String metric) {
        if (run.schedule().grows()) {
            return null;
        }
        final int d = (int) run.number("dim");
        final int rows = (int) run.number("samples");
        final double noise = run.number("noise_variance");
        final Design design = Design.valueOf(run.text("design").toUpperCase(java.util.Locale.ROOT));
        final Regime regime = run.regime();
        final boolean identity = isIdentity(run.parameters().get("design_covariance"), d);
        final boolean minimumNorm = Boolean.parseBoolean(run.text("min_norm"));
        final IntToDoubleFunction curve;
        if (minimumNorm) {
            curve = metric.equals("sq_distance") && noise == 0 && rows < d && design == Design.FRESH && identity
                    && regime.kind() == Regime.Kind.REPLACE ? RegressionClosedForms.forgetting(trueNormSquared(run, d), d, rows) : null;
        } else if (run.number("ridge") != 0) {
            curve = null;
        } else {
            final IntToDoubleFunction risk = RegressionClosedForms.excessRisk(noise, d, rows, design, regime);
            curve = risk == null ? null : switch (metric) {
                case "excess_risk" -> risk;
                case "sq_distance" -> identity ? risk : null;
                case "test_mse" -> t -> risk.applyAsDouble(t) + noise;
                default -> null;
            };
        }
        return ClosedForms.curve(curve, run.last());
    }

    /** @return ||w*||^2, or its expectation d when w* is drawn per replicate */
    private static double trueNormSquared(RunFiles run, int d) {
        if (!(run.parameters().get("true_weights") instanceof List<?> weights)) {
            return d;
        }
        double sum = 0;
        for (Object w : weights) {
            final double v = ((Number) w).doubleValue();
            sum += v * v;
        }
        return sum;
    }

    /** @return true if the manifest's Sigma_x (a list of d x d numbers) is the identity */
    private static boolean isIdentity(Object covariance, int d) {
        if (!(covariance instanceof List<?> values) || values.size() != d * d) {
            return false;
        }
        for (int i = 0; i < d * d; i++) {
            if (((Number) values.get(i)).doubleValue() != (i % (d + 1) == 0 ? 1 : 0)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<String[]> trainingRuns() {
        return List.<String[]>of(new String[] {"regression", "--samples", "100", "--generations", "50", "--replicates", "8", "--seed", "1"},
                new String[] {"regression", "--samples", "100", "--regime", "accumulate-subsample", "--generations", "20", "--replicates", "4",
                    "--seed", "1"});
    }
}
