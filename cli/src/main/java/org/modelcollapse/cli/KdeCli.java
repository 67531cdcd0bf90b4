package org.modelcollapse.cli;

import java.util.List;
import org.modelcollapse.verify.KdeClosedForms;
import org.modelcollapse.verify.KdeVerification;
import org.modelcollapse.verify.Verification;

/** The kernel-density family on the command line ({@link KdeCommand}). */
final class KdeCli implements FamilyCli {
    @Override
    public String name() {
        return "kde";
    }

    @Override
    public ExperimentCommand newCommand() {
        return new KdeCommand();
    }

    @Override
    public Verification verification() {
        return KdeVerification.VERIFICATION;
    }

    @Override
    public List<Plots.Metric> plots() {
        return List.of(new Plots.Metric("heldout_nll", "held-out NLL (nats)", "Negative log-likelihood of held-out original points"),
                new Plots.Metric("data_variance", "mean per-coordinate variance", "Variance of the KDE's centres"),
                new Plots.Metric("mean_sq_distance", "|m - mu_0|^2", "Squared distance of the centres' mean from the original's"));
    }

    @Override
    public String size(RunFiles run) {
        final Object h = run.parameters().get("bandwidth");
        return "d=" + run.parameters().get("dim") + ", " + (h == null ? run.text("bandwidth_rule") : "h=" + h);
    }

    /** K1 and the mean walk (KdeClosedForms): replace or accumulate, a fixed bandwidth, a distribution as the original. */
    @Override
    public double[] closedForm(RunFiles run, String metric) {
        final int which = switch (metric) {
            case "data_variance" -> 0;
            case "mean_sq_distance" -> 1;
            default -> -1;
        };
        if (which < 0 || run.parameters().get("data") != null || !"fixed".equals(run.text("bandwidth_rule"))) {
            return null;
        }
        final double v0 = run.mean()[0][run.metrics().indexOf("data_variance")];
        final double[][] curves = KdeClosedForms.curves(v0, (int) run.number("dim"), run.number("bandwidth"), run.schedule(), run.regime(),
                run.last());
        return curves == null ? null : curves[which];
    }

    @Override
    public List<String[]> trainingRuns() {
        return List.<String[]>of(new String[] {"kde", "--samples", "200", "--heldout", "200", "--generations", "50", "--replicates", "8", "--seed", "1"});
    }
}
