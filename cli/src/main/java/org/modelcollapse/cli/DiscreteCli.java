package org.modelcollapse.cli;

import java.util.List;
import org.modelcollapse.simd.Kernels;
import org.modelcollapse.verify.ClosedForms;
import org.modelcollapse.verify.DiscreteVerification;
import org.modelcollapse.verify.Verification;

/** The categorical family on the command line ({@link DiscreteCommand}). */
final class DiscreteCli implements FamilyCli {
    @Override
    public String name() {
        return "discrete";
    }

    @Override
    public ExperimentCommand newCommand() {
        return new DiscreteCommand();
    }

    @Override
    public Verification verification() {
        return DiscreteVerification.VERIFICATION;
    }

    @Override
    public List<Plots.Metric> plots() {
        return List.of(new Plots.Metric("alive_states", "alive states", "Alive states"),
                new Plots.Metric("entropy", "entropy (nats)", "Shannon entropy"),
                new Plots.Metric("lost_mass", "lost original mass", "Original probability mass lost"),
                new Plots.Metric("heterozygosity", "1 - sum p^2", "Heterozygosity"));
    }

    @Override
    public String size(RunFiles run) {
        return "K=" + run.parameters().get("states");
    }

    /** Heterozygosity: C2 in replace, C6 with fresh data (none with smoothing, an accumulating regime, a sampling bias or curation). */
    @Override
    public double[] closedForm(RunFiles run, String metric) {
        if (!metric.equals("heterozygosity") || BiasOptions.biased(run.parameters())) {
            return null;
        }
        final double h0 = run.mean()[0][run.metrics().indexOf("heterozygosity")];
        return ClosedForms.heterozygosity(h0, run.schedule(), run.regime(), run.number("smoothing"), run.last());
    }

    /** The uniform kernels that the sample size makes likely. */
    @Override
    public void warmUp(String[] args) {
        Kernels.startWarmUp(CollapseCommand.intOption(args, "--samples", DiscreteCommand.DEFAULT_SAMPLES));
    }

    /** An until-absorbed run first (its profile is what the short runs of THROUGHPUT.md were tuned with), then one with plots. */
    @Override
    public List<String[]> trainingRuns() {
        return List.of(
                new String[] {"discrete", "--states", "10", "--samples", "100", "--replicates", "20000", "--until-absorbed", "--threads", "1",
                    "--seed", "1", "--no-plots"},
                new String[] {"discrete", "--states", "1000", "--samples", "1000", "--generations", "100", "--replicates", "20", "--seed", "1"});
    }
}
