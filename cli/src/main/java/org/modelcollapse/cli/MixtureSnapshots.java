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
import org.modelcollapse.gmm.MixtureChain;
import org.modelcollapse.gmm.MixtureSpec;

/**
 * {@code collapse gmm --snapshots}: at each snapshot generation of replicate 0 ({@link ReplicateZeroFiles}),
 * M points drawn from its model with a stream of their own, which leaves the chain's unchanged. They go to
 * snapshots.csv and, in two or more dimensions, to snapshot-G.png (the first two coordinates, every picture
 * on the same axes).
 */
final class MixtureSnapshots extends ReplicateZeroFiles<MixtureChain> {
    /** Seed offset of the stream that draws the snapshots' points (independent of the replicates' streams). */
    private static final long STREAM = 0x5a4a_9500_7e11L;

    private final MixtureSpec spec;
    /** By generation: the points drawn there. */
    private final Map<Integer, double[]> points = new TreeMap<>();

    /** @param generations at most the run's generations (checked by the command) */
    MixtureSnapshots(MixtureSpec spec, long seed, SortedSet<Integer> generations) {
        super(MixtureChain.class, generations.stream().mapToInt(Integer::intValue).toArray(), seed, STREAM);
        this.spec = spec;
    }

    @Override
    MixtureChain create(UniformRandomProvider rng) {
        return MixtureChain.create(spec, rng);
    }

    @Override
    void record(int index, MixtureChain chain, UniformRandomProvider rng) {
        final double[] x = new double[spec.samples().base() * spec.dim()];
        chain.sample(spec.samples().base(), rng, x);
        points.put(generationAt(index), x);
    }

    @Override
    void writeFiles(Path dir, boolean plots) throws IOException {
        final int d = spec.dim();
        final int m = spec.samples().base();
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
