package org.modelcollapse.lm;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.process.ModelFamily;

/**
 * The language-model family, the paper's procedure (Shumailov et al. 2024, Methods): the original
 * training text is cut into blocks; each block is the prompt from which the generation's model generates
 * a continuation as long; the continuations, as many as the blocks, are the next generation's text. The
 * original text is the user's data D_0: generation 0's model (and generation 1's) is the fit to it.
 *
 * <p>Draws: from the model, the continuations of every prompt in order, or of a random subset of
 * distinct prompts when fewer are wanted (mix), or with curation the best k of n candidates of each
 * prompt ({@link BestOfN}); fresh original data are distinct original blocks
 * chosen at random; resampling picks blocks with replacement, subsampling without. Metrics
 * ({@link LmMetric}) on demand: the test perplexity costs one pass over the test split, the block
 * perplexities one over the text under the generation-0 model, the text statistics one count of it.
 */
final class LmFamily implements ModelFamily<LanguageModel, TokenBlocks> {
    private final LmSpec spec;
    private final TokenBlocks original;
    private final NgramModel reference;
    private final NgramModel.Context referenceContext;
    private final TextStatistics statistics;
    private final SortedScorer testScorer;
    private int[] order = new int[0];
    private int[] candidateTokens = new int[0];
    private double[] rewards = new double[0];
    private int[] ranking = new int[0];
    private double[] blockPerplexity = new double[0];
    private double[] sorted = new double[0];
    private Continuations decoder;
    private UniformRandomProvider rng;
    private boolean wantsTest = true;
    private boolean wantsBlocks = true;
    private boolean wantsText = true;

    LmFamily(LmSpec spec) {
        this.spec = spec;
        original = spec.original();
        reference = new NgramModel(spec.order(), spec.vocabulary());
        reference.fit(original, spec.smoothing());
        referenceContext = reference.newContext();
        statistics = new TextStatistics(spec.vocabulary(), original);
        testScorer = new SortedScorer(spec.test(), spec.blockLength(), spec.order(), spec.vocabulary());
    }

    @Override
    public List<String> metricNames() {
        return LmMetric.NAMES;
    }

    /** The chain's one model, whose decoder the family keeps. */
    @Override
    public LanguageModel newModel() {
        final LanguageModel model = new LanguageModel(new NgramModel(spec.order(), spec.vocabulary()));
        decoder = new Continuations(model.ngram, spec.decoding());
        return model;
    }

    @Override
    public TokenBlocks newData() {
        return new TokenBlocks(spec.blockLength());
    }

    @Override
    public void reset(UniformRandomProvider stream) {
        rng = stream;
    }

    @Override
    public void original(LanguageModel out) {
        fit(original, out);
    }

    @Override
    public boolean originalData(TokenBlocks out) {
        for (int b = 0; b < original.blocks(); b++) {
            out.addBlock(original, b);
        }
        return true;
    }

    @Override
    public void draw(LanguageModel model, int n, TokenBlocks out) {
        if (spec.curation() != null) {
            drawCurated(n, out);
            return;
        }
        final int prompts = original.blocks();
        final int length = spec.blockLength();
        final boolean all = n == prompts;
        if (!all) {
            shuffledPrefix(prompts, n);
        }
        final int[] source = original.tokens();
        for (int i = 0; i < n; i++) {
            final int b = all ? i : order[i];
            final int at = out.reserve();
            decoder.continuation(source, b * length, length, out.tokens(), at, length, rng);
        }
    }

    /** n blocks, the best k of n candidates per prompt ({@link BestOfN}), from ceil(n / k) prompts (all in order, or a random subset). */
    private void drawCurated(int n, TokenBlocks out) {
        final BestOfN curation = spec.curation();
        final int length = spec.blockLength();
        final int k = curation.keep();
        final int count = curation.candidates();
        final int needed = (n + k - 1) / k;
        final int prompts = original.blocks();
        final boolean all = needed == prompts;
        if (!all) {
            shuffledPrefix(prompts, needed);
        }
        if (candidateTokens.length < count * length) {
            candidateTokens = new int[count * length];
            rewards = new double[count];
            ranking = new int[count];
        }
        final int[] source = original.tokens();
        for (int i = 0, written = 0; i < needed; i++) {
            final int b = all ? i : order[i];
            decoder.candidates(source, b * length, length, candidateTokens, 0, length, count, rng);
            for (int c = 0; c < count; c++) {
                rewards[c] = reward(curation.reward(), source, b * length, candidateTokens, c * length, length);
                ranking[c] = c;
            }
            // Insertion sort by descending reward, stable (few candidates).
            for (int x = 1; x < count; x++) {
                final int r = ranking[x];
                int y = x - 1;
                while (y >= 0 && rewards[ranking[y]] < rewards[r]) {
                    ranking[y + 1] = ranking[y];
                    y--;
                }
                ranking[y + 1] = r;
            }
            for (int c = 0; c < k && written < n; c++, written++) {
                out.add(candidateTokens, ranking[c] * length);
            }
        }
    }

    /** @return the reward of candidate tokens[at, at + length) continuing the prompt source[from, from + length) */
    private double reward(BestOfN.Reward reward, int[] source, int from, int[] tokens, int at, int length) {
        return switch (reward) {
            case BestOfN.Likelihood _ -> {
                referenceContext.clear();
                for (int t = Math.max(from, from + length - (spec.order() - 1)); t < from + length; t++) {
                    referenceContext.append(source[t]);
                }
                double sum = 0;
                for (int t = at; t < at + length; t++) {
                    sum += Math.log(reference.scoreAndAppend(referenceContext, tokens[t]));
                }
                yield sum;
            }
            case BestOfN.WordWeights w -> {
                double sum = 0;
                for (int t = at; t < at + length; t++) {
                    sum += w.weights()[tokens[t]];
                }
                yield sum;
            }
        };
    }

    /** Writes into {@code out} the continuation of {@code prompt} by the current model, drawing from the caller's stream. */
    void continuation(int[] prompt, int[] out, UniformRandomProvider stream) {
        decoder.continuation(prompt, 0, prompt.length, out, 0, out.length, stream);
    }

    @Override
    public void drawOriginal(int n, TokenBlocks out) {
        shuffledPrefix(original.blocks(), n);
        for (int i = 0; i < n; i++) {
            out.addBlock(original, order[i]);
        }
    }

    @Override
    public void resample(TokenBlocks from, int n, TokenBlocks out) {
        for (int i = 0; i < n; i++) {
            out.addBlock(from, rng.nextInt(from.blocks()));
        }
    }

    @Override
    public void subsample(TokenBlocks pool, int n, TokenBlocks out) {
        shuffledPrefix(pool.blocks(), n);
        for (int i = 0; i < n; i++) {
            out.addBlock(pool, order[i]);
        }
    }

    /** order[0, n) := n distinct indices below {@code size}, uniformly (a partial Fisher–Yates shuffle of the identity). */
    private void shuffledPrefix(int size, int n) {
        if (order.length < size) {
            order = new int[size];
        }
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = 0; i < n; i++) {
            final int j = i + rng.nextInt(size - i);
            final int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    @Override
    public void fit(TokenBlocks data, LanguageModel out) {
        out.ngram.fit(data, spec.smoothing());
        out.data = data;
        decoder.refitted();
    }

    @Override
    public void requireMetrics(BitSet needed) {
        wantsTest = needed.get(LmMetric.TEST_PERPLEXITY.ordinal());
        wantsBlocks = needed.get(LmMetric.BLOCK_PERPLEXITY_MEAN.ordinal(), LmMetric.BLOCK_PERPLEXITY_Q90.ordinal() + 1).cardinality() > 0;
        wantsText = needed.get(LmMetric.UNIGRAM_ENTROPY.ordinal(), LmMetric.values().length).cardinality() > 0;
    }

    @Override
    public void measure(LanguageModel model, boolean absorbed, double[] out) {
        if (wantsTest) {
            out[LmMetric.TEST_PERPLEXITY.ordinal()] = Math.exp(-testScorer.logProbability(model.ngram) / spec.test().length);
        }
        if (wantsBlocks) {
            measureBlocks(model.data, out);
        }
        if (wantsText) {
            statistics.measure(model.data);
            out[LmMetric.UNIGRAM_ENTROPY.ordinal()] = statistics.entropy();
            out[LmMetric.UNIGRAM_HETEROZYGOSITY.ordinal()] = statistics.heterozygosity();
            out[LmMetric.ALIVE_VOCABULARY.ordinal()] = statistics.alive();
            out[LmMetric.LOST_MASS.ordinal()] = statistics.lostMass();
            for (int n = 1; n <= TextStatistics.LONGEST; n++) {
                out[LmMetric.DISTINCT_1.ordinal() + n - 1] = statistics.distinct(n);
                out[LmMetric.REPETITION_1.ordinal() + n - 1] = statistics.repetition(n);
            }
        }
    }

    private void measureBlocks(TokenBlocks data, double[] out) {
        final int blocks = data.blocks();
        final int length = data.length();
        if (blockPerplexity.length < blocks) {
            blockPerplexity = new double[blocks];
            sorted = new double[blocks];
        }
        double sum = 0;
        for (int b = 0; b < blocks; b++) {
            final double ppl = Math.exp(-reference.logProbability(data.tokens(), b * length, (b + 1) * length, referenceContext) / length);
            blockPerplexity[b] = ppl;
            sorted[b] = ppl;
            sum += ppl;
        }
        Arrays.sort(sorted, 0, blocks);
        out[LmMetric.BLOCK_PERPLEXITY_MEAN.ordinal()] = sum / blocks;
        out[LmMetric.BLOCK_PERPLEXITY_Q10.ordinal()] = quantile(sorted, blocks, 0.1);
        out[LmMetric.BLOCK_PERPLEXITY_MEDIAN.ordinal()] = quantile(sorted, blocks, 0.5);
        out[LmMetric.BLOCK_PERPLEXITY_Q90.ordinal()] = quantile(sorted, blocks, 0.9);
    }

    /** The q-quantile of sorted[0, n), linearly interpolated between order statistics (NumPy's default, Hyndman &amp; Fan type 7). */
    private static double quantile(double[] sorted, int n, double q) {
        final double at = q * (n - 1);
        final int lo = (int) Math.floor(at);
        final int hi = Math.min(n - 1, lo + 1);
        final double lower = sorted[lo];
        return lo == hi || sorted[hi] == lower ? lower : lower + (at - lo) * (sorted[hi] - lower);
    }

    /** @return the per-block perplexities of the last {@link #measure} (its block count of values). Not to be modified. */
    double[] blockPerplexities() {
        return blockPerplexity;
    }

    /** Absorbed: maximum likelihood on a text of one word repeated (and a pool of it), which the model repeats for ever. */
    @Override
    public boolean absorbing(LanguageModel model, TokenBlocks pool) {
        if (!(spec.smoothing() instanceof Smoothing.MaximumLikelihood)) {
            return false;
        }
        final int w = model.data.tokens()[0];
        return single(model.data, w) && (pool == null || single(pool, w));
    }

    private static boolean single(TokenBlocks text, int w) {
        final int[] t = text.tokens();
        for (int i = 0, n = text.size(); i < n; i++) {
            if (t[i] != w) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int absorbingState(LanguageModel model) {
        return model.data.tokens()[0];
    }
}
