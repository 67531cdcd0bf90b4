package org.modelcollapse.cli;

import java.util.List;
import java.util.Locale;
import org.modelcollapse.gaussian.Estimator;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.verify.ClosedForms;
import org.modelcollapse.verify.GaussianVerification;
import org.modelcollapse.verify.Verification;

/** The Gaussian family on the command line ({@link GaussianCommand}). */
final class GaussianCli implements FamilyCli {
    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public ExperimentCommand newCommand() {
        return new GaussianCommand();
    }

    @Override
    public Verification verification() {
        return GaussianVerification.VERIFICATION;
    }

    @Override
    public List<Plots.Metric> plots() {
        return List.of(new Plots.Metric("w2_squared", "W2^2 to the original", "Wasserstein-2 distance squared to the original"),
                new Plots.Metric("trace", "tr Sigma", "Trace of the covariance"),
                new Plots.Metric("log_det", "ln det Sigma", "Log-determinant of the covariance"),
                new Plots.Metric("mean_sq_distance", "|mu - mu_0|^2", "Squared distance of the mean from the original"));
    }

    @Override
    public String size(RunFiles run) {
        return "d=" + run.parameters().get("dim");
    }

    /** N1–N7 of docs/theory.md: replace, a constant sample size, D_0 = N(mu_0, Sigma_0). */
    @Override
    public double[] closedForm(RunFiles run, String metric) {
        final SampleSizeSchedule sizes = run.schedule();
        final Regime regime = run.regime();
        final double[] g0 = run.mean()[0];
        final int last = run.last();
        final Estimator estimator = Estimator.valueOf(run.text("estimator").toUpperCase(Locale.ROOT));
        final int d = (int) run.number("dim");
        final boolean userData = run.parameters().get("data") != null;
        final double trace0 = g0[run.metrics().indexOf("trace")];
        return switch (metric) {
            case "trace" -> ClosedForms.curve(ClosedForms.trace(trace0, sizes, regime, estimator, userData), last);
            case "mean_sq_distance" -> ClosedForms.curve(ClosedForms.meanSquaredDistance(trace0, sizes, regime, estimator, userData), last);
            case "log_det" -> ClosedForms.curve(ClosedForms.logDet(g0[run.metrics().indexOf("log_det")], d, sizes, regime, estimator, userData), last);
            case "w2_squared" -> ClosedForms.curve(ClosedForms.w2Squared(trace0, d, sizes, regime, estimator, userData), last);
            default -> null;
        };
    }

    /** The closed-form (d = 2) and the bidiagonal (d = 8) spectral paths, with every plot. */
    @Override
    public List<String[]> trainingRuns() {
        return List.of(
                new String[] {"gaussian", "--dim", "2", "--samples", "100", "--generations", "500", "--replicates", "100", "--seed", "1"},
                new String[] {"gaussian", "--dim", "8", "--samples", "50", "--generations", "100", "--replicates", "20", "--seed", "1", "--no-plots"});
    }
}
