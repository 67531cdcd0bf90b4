package org.modelcollapse.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.modelcollapse.discrete.Curation;
import org.modelcollapse.discrete.Decoding;
import org.modelcollapse.process.SamplingMode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Sampling bias and curation at generation time (a picocli mixin of {@code collapse discrete}):
 * {@code --temperature}, {@code --top-k}, {@code --top-p} (Hugging Face's order and semantics, {@link Decoding})
 * and K-way Bradley–Terry curation, {@code --curation-k} with {@code --reward} ({@link Curation}). All off
 * by default.
 */
final class BiasOptions {
    @Mixin
    TruncationOptions truncation;

    @Option(names = "--curation-k", paramLabel = "K", converter = Converters.AtLeastTwo.class,
            description = "Bradley-Terry curation: each model point is one of K candidates, chosen with probability ~ e^reward (default: off).")
    Integer curationK;

    @Option(names = "--reward", paramLabel = "LIST|FILE", description = "--curation-k: one reward per state, comma-separated, or a file of them.")
    String reward;

    /** @return the decoding the options name, checked */
    Decoding decoding() {
        return new Decoding(truncation.temperature(), truncation.topK(), truncation.topP());
    }

    /**
     * @param mode the mode --mode named
     * @return it, or samples for auto under curation (curated points are drawn one by one)
     * @throws BadInputException for exact under curation, or one of --curation-k and --reward without the other
     */
    SamplingMode mode(SamplingMode mode) {
        if (curationK != null && reward == null) {
            throw new BadInputException("--curation-k", curationK, "needs --reward LIST|FILE, one reward per state");
        }
        if (reward != null && curationK == null) {
            throw new BadInputException("--reward", reward, "applies with --curation-k K only");
        }
        if (curationK != null && mode == SamplingMode.EXACT) {
            throw new BadInputException("--mode", "exact", "has no exact draw under --curation-k (curated points are drawn one by one): "
                    + "use --mode samples or auto");
        }
        return curationK != null ? SamplingMode.SAMPLES : mode;
    }

    /** @return true if a bias or curation is asked for (memory for the decoding's workspace) */
    boolean biased() {
        return curationK != null || !decoding().isIdentity();
    }

    /**
     * @param states K
     * @return the curation the options name, or null
     */
    Curation curation(int states) {
        if (curationK == null) {
            return null;
        }
        final double[] r = rewards();
        if (r.length != states) {
            throw new BadInputException("--reward", reward, "holds " + r.length + " rewards; one per state is needed, " + states);
        }
        return new Curation(curationK, r);
    }

    /** A list of numbers is the list; anything else names a file (rows of numbers, as --init-file). */
    private double[] rewards() {
        if (reward.strip().matches("[-+0-9.eE]+([,;\\s]+[-+0-9.eE]+)*")) {
            return NumberListFile.parse("--reward", reward);
        }
        final Path file = Path.of(reward);
        return NumberListFile.read("--reward", file).rows().stream().flatMapToDouble(Arrays::stream).toArray();
    }

    /** Writes the bias into a run's manifest parameters (read back by {@link #biased(Map)}). */
    static void describe(Decoding d, Curation c, String reward, Map<String, Object> params) {
        params.put("temperature", d.temperature());
        params.put("top_k", d.topK() == 0 ? null : d.topK());
        params.put("top_p", d.topP());
        params.put("curation_k", c == null ? null : c.candidates());
        params.put("reward", c == null ? null : reward);
    }

    /** @return true if a run's parameters record a sampling bias or curation (absent in runs made before these options) */
    static boolean biased(Map<String, Object> params) {
        return params.get("temperature") instanceof Number t && t.doubleValue() != 1
                || params.get("top_k") != null
                || params.get("top_p") instanceof Number p && p.doubleValue() != 1
                || params.get("curation_k") != null;
    }
}
