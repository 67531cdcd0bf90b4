package org.modelcollapse.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.modelcollapse.gmm.MixtureChain;
import org.modelcollapse.gmm.MixtureSpec;
import org.modelcollapse.random.ReplicateStreams;

/**
 * {@code collapse gmm --snapshots}: replicate 0 run again from its own stream (so exactly the run's
 * replicate 0) to the last snapshot generation; at each, M points drawn from its model with a stream of
 * their own, which leaves the chain's unchanged. They go to snapshots.csv and, in two or more
 * dimensions, to snapshot-G.png (the first two coordinates, every picture on the same axes).
 */
final class MixtureSnapshots implements ExperimentRun.ExtraFiles {
    /** Seed offset of the stream that draws the snapshots' points (independent of the replicates' streams). */
    private static final long STREAM = 0x5a4a_9500_7e11L;

    private final MixtureSpec spec;
    private final long seed;
    private final SortedSet<Integer> generations;

    /** @param generations at most the run's generations (checked by the command) */
    MixtureSnapshots(MixtureSpec spec, long seed, SortedSet<Integer> generations) {
        this.spec = spec;
        this.seed = seed;
        this.generations = generations;
    }

    @Override
    public void write(Path dir, boolean plots) throws IOException {
        final int d = spec.dim();
        final int m = spec.samples().base();
        final MixtureChain chain = MixtureChain.create(spec, ReplicateStreams.of(seed).next());
        final UniformRandomProvider rng = RandomSource.L64_X128_MIX.create(seed ^ STREAM);
        final Map<Integer, double[]> points = new TreeMap<>();
        for (int g : generations) {
            while (chain.generation() < g) {
                chain.step();
            }
            final double[] x = new double[m * d];
            chain.sample(m, rng, x);
            points.put(g, x);
        }
        final List<String> header = new ArrayList<>(List.of("generation"));
        for (int r = 1; r <= d; r++) {
            header.add("x" + r);
        }
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        try (Writer w = Files.newBufferedWriter(dir.resolve("snapshots.csv"));
             CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get().print(w)) {
            for (var e : points.entrySet()) {
                final double[] x = e.getValue();
                for (int i = 0; i < m; i++) {
                    csv.print(e.getKey());
                    for (int r = 0; r < d; r++) {
                        csv.print(x[i * d + r]);
                        low = Math.min(low, x[i * d + r]);
                        high = Math.max(high, x[i * d + r]);
                    }
                    csv.println();
                }
            }
        }
        if (plots && d >= 2) {
            final double pad = 0.05 * (high - low);
            final double[] range = {low - pad, high + pad};
            for (var e : points.entrySet()) {
                ScatterPlots.draw(dir.resolve("snapshot-" + e.getKey() + ".png"), String.format(Locale.ROOT,
                        "Generation %d, replicate 0: %d points of its model (k=%d, d=%d)", e.getKey(), m, spec.components(), d),
                        e.getValue(), m, d, range);
            }
        }
    }
}
