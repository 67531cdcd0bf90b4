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

    /** @return true if a delta-distribution model can never leave its state under this regime */
    public boolean deltaIsAbsorbing() {
        return gamma == 0;
    }

    @Override
    public String toString() {
        return kind == Kind.MIX ? "mix(alpha=" + alpha + ", beta=" + beta + ", gamma=" + gamma + ")" : kind.label();
    }
}
