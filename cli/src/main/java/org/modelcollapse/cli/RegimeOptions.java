package org.modelcollapse.cli;

import java.util.Locale;
import org.modelcollapse.process.Regime;

/** Parses {@code --regime} with {@code --alpha}, {@code --beta}, {@code --gamma}, shared by the simulating commands. */
final class RegimeOptions {
    private RegimeOptions() {}

    /** @return the regime; mix shares default to gamma = 0.1 and alpha = 1 - beta - gamma */
    static Regime parse(String regime, Double alpha, Double beta, Double gamma) {
        final boolean shares = alpha != null || beta != null || gamma != null;
        return switch (regime) {
            case "replace", "accumulate", "accumulate-subsample" -> {
                if (shares) {
                    throw new BadInputException("--alpha/--beta/--gamma apply to --regime mix only, not to " + regime);
                }
                yield switch (regime) {
                    case "replace" -> Regime.replace();
                    case "accumulate" -> Regime.accumulate();
                    default -> Regime.accumulateSubsample();
                };
            }
            case "mix" -> {
                checkShare("--alpha", alpha);
                checkShare("--beta", beta);
                checkShare("--gamma", gamma);
                final double b = beta != null ? beta : 0;
                final double g = gamma != null ? gamma : alpha != null ? 1 - alpha - b : 0.1;
                final double a = alpha != null ? alpha : 1 - b - g;
                if (alpha == null && a < 0) {
                    throw new BadInputException(String.format(Locale.ROOT, "--alpha = 1 - beta - gamma = 1 - %s - %s = %s is negative%s; "
                            + "give shares that sum to 1", b, g, a, gamma == null ? " (--gamma defaults to 0.1)" : ""));
                }
                if (gamma == null && alpha != null && g < 0) {
                    throw new BadInputException(String.format(Locale.ROOT, "--gamma = 1 - alpha - beta = 1 - %s - %s = %s is negative; "
                            + "give shares that sum to 1", a, b, g));
                }
                if (!(Math.abs(a + b + g - 1) <= Regime.SUM_TOLERANCE)) {
                    throw new BadInputException(String.format(Locale.ROOT, "--alpha + --beta + --gamma must equal 1: %s + %s + %s = %s", a, b, g, a + b + g));
                }
                yield Regime.mix(a, b, g);
            }
            default -> throw new BadInputException("--regime", regime, "allowed are replace, mix, accumulate, accumulate-subsample");
        };
    }

    private static void checkShare(String option, Double value) {
        if (value != null && !(value >= 0 && value <= 1)) {
            throw new BadInputException(option, value, "must be in [0, 1] (with alpha + beta + gamma = 1)");
        }
    }

}
