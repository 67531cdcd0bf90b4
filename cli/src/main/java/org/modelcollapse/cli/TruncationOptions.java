package org.modelcollapse.cli;

import picocli.CommandLine.Option;

/**
 * Temperature, top-k and top-p at generation time (a picocli mixin of {@code collapse discrete}, through
 * {@link BiasOptions}, and of {@code collapse lm}): Hugging Face's order and semantics, each off by default.
 * What they map is the family's: a categorical distribution, or a language model's next-word distribution.
 */
final class TruncationOptions {
    @Option(names = "--temperature", paramLabel = "TAU", converter = Converters.Number.class,
            description = "Draw from p^(1/TAU), renormalised (default: 1, off).")
    Double temperature;

    @Option(names = "--top-k", paramLabel = "K", converter = Converters.Positive.class,
            description = "Then keep the K largest probabilities, and every one tied with the K-th (default: off).")
    Integer topK;

    @Option(names = "--top-p", paramLabel = "P", converter = Converters.Number.class,
            description = "Then keep the smallest set of largest probabilities whose mass reaches P, at least one (default: 1, off).")
    Double topP;

    /** @return true if any of the three was given */
    boolean given() {
        return temperature != null || topK != null || topP != null;
    }

    /** @return tau, checked (1 when not given) */
    double temperature() {
        final double tau = temperature != null ? temperature : 1;
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new BadInputException("--temperature", temperature, "must be a finite number > 0");
        }
        return tau;
    }

    /** @return k (0 when not given: off) */
    int topK() {
        return topK != null ? topK : 0;
    }

    /** @return p, checked (1 when not given) */
    double topP() {
        final double p = topP != null ? topP : 1;
        if (!(p > 0 && p <= 1)) {
            throw new BadInputException("--top-p", topP, "must be in (0, 1]");
        }
        return p;
    }
}
