package org.modelcollapse.discrete;

/**
 * Sampling bias at generation time (SPEC §3, "Decoding and curation"): the map applied to each
 * generation's fitted distribution p before the next data are drawn, in Hugging Face's order —
 * temperature, then top-k, then top-p ({@link DecodingMap} applies it, and says exactly what each step
 * keeps). The model itself is still fitted by counting; only what is drawn from changes.
 *
 * @param temperature tau &gt; 0, finite: p ∝ p^(1/tau) (1 = off)
 * @param topK keep the k largest probabilities and every state tied with the k-th (0 = off)
 * @param topP keep the smallest set of largest probabilities whose mass reaches top-p, in (0, 1] (1 = off)
 */
public record Decoding(double temperature, int topK, double topP) {
    /** No bias: the draws are from p itself. */
    public static final Decoding NONE = new Decoding(1, 0, 1);

    /** Validates the parameters. */
    public Decoding {
        if (!(temperature > 0 && temperature < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("temperature must be finite and > 0: " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be >= 1, or 0 for off: " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1]: " + topP);
        }
    }

    /** @return true if the map leaves every distribution as it is */
    public boolean isIdentity() {
        return temperature == 1 && topK == 0 && topP == 1;
    }

    /**
     * The map on a dense vector (allocates; for checks and small problems — the chain uses a
     * {@link DecodingMap} workspace).
     *
     * @param p Not modified. Non-negative weights (normalised or not) over K states, at least one &gt; 0.
     * @return decode(p), normalised, over the same K states
     */
    public double[] apply(double[] p) {
        final WeightedSupport in = new WeightedSupport(p.length);
        for (int j = 0; j < p.length; j++) {
            in.add(j, p[j]);
        }
        final WeightedSupport out = new DecodingMap(this, p.length).apply(in);
        final double[] result = new double[p.length];
        for (int i = 0; i < out.size; i++) {
            final int s = out.ids[i];
            result[s] = out.weight[s] / out.total;
        }
        return result;
    }

    @Override
    public String toString() {
        return "temperature " + temperature + ", top-k " + (topK == 0 ? "off" : topK) + ", top-p " + topP;
    }
}
