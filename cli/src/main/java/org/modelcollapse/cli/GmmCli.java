package org.modelcollapse.cli;

import java.util.List;
import org.modelcollapse.verify.GmmVerification;
import org.modelcollapse.verify.Verification;

/** The Gaussian-mixture family on the command line ({@link GmmCommand}). */
final class GmmCli implements FamilyCli {
    @Override
    public String name() {
        return "gmm";
    }

    @Override
    public ExperimentCommand newCommand() {
        return new GmmCommand();
    }

    @Override
    public Verification verification() {
        return GmmVerification.VERIFICATION;
    }

    /** The paper's metric first: the squared L2 distance to generation 1's fit. */
    @Override
    public List<Plots.Metric> plots() {
        return List.of(new Plots.Metric("l2_to_first", "squared L2 to generation 1", "Squared L2 distance to the first fit"),
                new Plots.Metric("l2_to_original", "squared L2 to p_0", "Squared L2 distance to the original mixture"),
                new Plots.Metric("heldout_nll", "held-out NLL (nats)", "Negative log-likelihood of held-out original points"),
                new Plots.Metric("effective_components", "exp(entropy of weights)", "Effective number of components"));
    }

    @Override
    public String size(RunFiles run) {
        return "k=" + run.parameters().get("components") + ", d=" + run.parameters().get("dim");
    }

    /** No closed form for a mixture's chain (k = 1 is the Gaussian chain: collapse gaussian --estimator mle draws its curves). */
    @Override
    public double[] closedForm(RunFiles run, String metric) {
        return null;
    }

    @Override
    public List<String[]> trainingRuns() {
        return List.<String[]>of(new String[] {"gmm", "--samples", "200", "--generations", "50", "--replicates", "8", "--seed", "1"});
    }
}
