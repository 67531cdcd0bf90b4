package org.modelcollapse.cli;

import java.util.Locale;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SamplingMode;
import picocli.CommandLine.Option;

/**
 * How every family's generations assemble and draw their data (a picocli mixin): {@code --regime} with
 * the mix shares {@code --alpha}, {@code --beta}, {@code --gamma}, and {@code --mode}. What the modes
 * mean for a family is in its command's description.
 */
final class RegimeOptions {
    @Option(names = "--regime", paramLabel = "NAME", description = "replace, mix, accumulate or accumulate-subsample (default: ${DEFAULT-VALUE}).",
            defaultValue = "replace")
    String regime;

    @Option(names = "--alpha", paramLabel = "SHARE", description = "mix: share of points from the current model (default: 1 - beta - gamma).")
    Double alpha;

    @Option(names = "--beta", paramLabel = "SHARE", description = "mix: share resampled from the previous generation's data (default: 0).")
    Double beta;

    @Option(names = "--gamma", paramLabel = "SHARE", description = "mix: share of fresh points from the original distribution (default: 0.1).")
    Double gamma;

    @Option(names = "--mode", paramLabel = "MODE", description = "exact (each generation's sufficient statistics drawn exactly), samples "
            + "(M points drawn one by one) or auto (default: ${DEFAULT-VALUE}).", defaultValue = "auto")
    String mode;

    /** Writes the regime into a run's manifest parameters: its name and the shares alpha, beta, gamma (what {@code RunFiles.regime} reads back). */
    static void describe(Regime regime, java.util.Map<String, Object> params) {
        params.put("regime", regime.kind().label());
        params.put("alpha", regime.alpha());
        params.put("beta", regime.beta());
        params.put("gamma", regime.gamma());
    }

    /** @return the regime named by --regime and the shares */
    Regime regime() {
        return parse(regime, alpha, beta, gamma);
    }

    /** @return the sampling mode named by --mode */
    SamplingMode mode() {
        return switch (mode) {
            case "exact" -> SamplingMode.EXACT;
            case "samples" -> SamplingMode.SAMPLES;
            case "auto" -> SamplingMode.AUTO;
            default -> throw new BadInputException("--mode", mode, "allowed are exact, samples, auto");
        };
    }

    /**
     * Refuses {@code --mode exact} for a family without an exact path (auto and samples then both mean samples).
     *
     * @param why the family and why, e.g. "mixtures: EM needs the points"
     */
    void refuseExact(String why) {
        if (mode() == SamplingMode.EXACT) {
            throw new BadInputException("--mode", "exact", "is not available for " + why + " (use samples or auto)");
        }
    }

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
