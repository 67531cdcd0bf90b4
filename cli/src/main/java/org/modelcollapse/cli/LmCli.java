package org.modelcollapse.cli;

import java.util.List;
import org.modelcollapse.verify.LmVerification;
import org.modelcollapse.verify.Verification;

/** The language-model family on the command line ({@link LmCommand}). */
final class LmCli implements FamilyCli {
    @Override
    public String name() {
        return "lm";
    }

    @Override
    public ExperimentCommand newCommand() {
        return new LmCommand();
    }

    @Override
    public Verification verification() {
        return LmVerification.VERIFICATION;
    }

    @Override
    public List<Plots.Metric> plots() {
        return List.of(new Plots.Metric("test_perplexity", "perplexity", "Perplexity of the original test split"),
                new Plots.Metric("block_perplexity_median", "perplexity", "Median perplexity of the training blocks under generation 0's model"),
                new Plots.Metric("alive_vocabulary", "words", "Words of the vocabulary still in the text"),
                new Plots.Metric("repetition_4", "share", "4-grams repeated within a block"));
    }

    @Override
    public String size(RunFiles run) {
        return "order " + run.parameters().get("order") + ", " + run.parameters().get("decoding");
    }

    /** C2 for a sampled unigram model without smoothing in the replace regime (generation 1 is the fit to the original text). */
    @Override
    public double[] closedForm(RunFiles run, String metric) {
        if (!"unigram_heterozygosity".equals(metric) || ((Number) run.parameters().get("order")).intValue() != 1
                || !"none".equals(run.text("smoothing")) || !"sample".equals(run.text("decoding")) || run.regime().kind() != org.modelcollapse.process.Regime.Kind.REPLACE
                || ((Number) run.parameters().get("repetition_penalty")).doubleValue() != 1) {
            return null;
        }
        final double h1 = run.mean()[0][run.metrics().indexOf(metric)];
        final double m = ((Number) run.parameters().get("blocks")).doubleValue() * ((Number) run.parameters().get("block")).doubleValue();
        final double[] curve = new double[run.last() + 1];
        for (int g = 0; g <= run.last(); g++) {
            curve[g] = h1 * Math.pow(1 - 1 / m, Math.max(0, g - 1));
        }
        return curve;
    }

    @Override
    public List<String[]> trainingRuns() {
        return List.<String[]>of(new String[] {"lm", "--order", "2", "--generations", "2", "--replicates", "1", "--seed", "1", "--decoding", "sample"});
    }
}
