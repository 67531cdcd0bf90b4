package org.modelcollapse.process;

/**
 * How each generation's training data is assembled (SPEC §2). Names are the user-facing ones.
 *
 * @param kind the regime
 * @param alpha share of a generation's points drawn from the current model ({@code mix})
 * @param beta share resampled from the previous generation's data ({@code mix})
 * @param gamma share drawn fresh from the original distribution ({@code mix})
 */
public record Regime(Kind kind, double alpha, double beta, double gamma) {
    /** Largest |alpha + beta + gamma - 1| accepted. */
    public static final double SUM_TOLERANCE = 1e-9;

    /** The regimes. */
    public enum Kind {
        /** D_n: M points from the current model only (alpha = 1). */
        REPLACE("replace"),
        /** D_n: alpha M from the model, beta M resampled from D_(n-1), gamma M fresh from p_0. */
        MIX("mix"),
        /** D_n = D_(n-1) plus M points from the current model (Gerstgrasser et al. 2024). */
        ACCUMULATE("accumulate"),
        /** D_n: M points drawn without replacement from the accumulated pool (Kazdan et al. 2024). */
        ACCUMULATE_SUBSAMPLE("accumulate-subsample");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** @return the user-facing name */
        public String label() {
            return label;
        }

        /** @return the kind with user-facing name {@code label} */
        public static Kind fromLabel(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown regime '" + label + "': allowed are replace, mix, accumulate, accumulate-subsample");
        }
    }

    /** Validates the weights. */
    public Regime {
        checkShare("alpha", alpha);
        checkShare("beta", beta);
        checkShare("gamma", gamma);
        if (!(Math.abs(alpha + beta + gamma - 1) <= SUM_TOLERANCE)) {
            throw new IllegalArgumentException("alpha + beta + gamma must equal 1: " + alpha + " + " + beta + " + " + gamma + " = " + (alpha + beta + gamma));
        }
        if (kind != Kind.MIX && alpha != 1) {
            throw new IllegalArgumentException("alpha, beta and gamma apply to the mix regime only, not to " + kind.label());
        }
    }

    private static void checkShare(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + v);
        }
    }

    /** @return the replace regime */
    public static Regime replace() {
        return new Regime(Kind.REPLACE, 1, 0, 0);
    }

    /** @return a mix regime with constant shares */
    public static Regime mix(double alpha, double beta, double gamma) {
        return new Regime(Kind.MIX, alpha, beta, gamma);
    }

    /** @return the accumulate regime */
    public static Regime accumulate() {
        return new Regime(Kind.ACCUMULATE, 1, 0, 0);
    }

    /** @return the accumulate-subsample regime */
    public static Regime accumulateSubsample() {
        return new Regime(Kind.ACCUMULATE_SUBSAMPLE, 1, 0, 0);
    }

    /**
     * The split of a generation's m points (mix; the other regimes draw all m from the model), one rule
     * for every chain: cumulative rounding half up, model points round(alpha m), model and resampled
     * points together round((alpha + beta) m), the rest fresh; a share of 0 receives no point, so
     * that with alpha = gamma = 0.5, beta = 0 and m = 5 the split is 3 model, 0 resampled, 2 fresh.
     *
     * @return the points drawn from the current model
     */
    public int modelPoints(int m) {
        if (alpha == 0) {
            return 0;
        }
        if (beta == 0 && gamma == 0) {
            return m;
        }
        return (int) Math.min(m, Math.floor(alpha * m + 0.5));
    }

    /** @return the points resampled from the previous generation's data, by the rule of {@link #modelPoints} */
    public int resampledPoints(int m) {
        return modelAndResampled(m) - modelPoints(m);
    }

    /** @return the points drawn fresh from the original distribution, by the rule of {@link #modelPoints} */
    public int freshPoints(int m) {
        return m - modelAndResampled(m);
    }

    private int modelAndResampled(int m) {
        if (gamma == 0) {
            return m;
        }
        final int model = modelPoints(m);
        if (beta == 0) {
            return model;
        }
        return (int) Math.max(model, Math.min(m, Math.floor((alpha + beta) * m + 0.5)));
    }

    /**
     * @return true if no generation of this schedule ever draws fresh original points: gamma = 0, or a
     *     constant sample size whose split gives none (a growing one eventually gives some)
     */
    public boolean neverDrawsFresh(SampleSizeSchedule sizes) {
        return gamma == 0 || !sizes.grows() && freshPoints(sizes.base()) == 0;
    }

    /** @return true if no generation of this schedule ever draws points from the model (mix with alpha = 0, or alpha m rounding to none) */
    public boolean neverDrawsFromModel(SampleSizeSchedule sizes) {
        return alpha == 0 || !sizes.grows() && modelPoints(sizes.base()) == 0;
    }

    /**
     * @return true if the data a model is fitted to stay in the pool for every later fit (accumulate,
     *     accumulate-subsample): a replicate can then absorb only if its first data already are
     *     absorbing, at generation 1
     */
    public boolean keepsEarlierData() {
        return kind == Kind.ACCUMULATE || kind == Kind.ACCUMULATE_SUBSAMPLE;
    }

    @Override
    public String toString() {
        return kind == Kind.MIX ? "mix(alpha=" + alpha + ", beta=" + beta + ", gamma=" + gamma + ")" : kind.label();
    }
}
