package org.modelcollapse.lm;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Continues prompts with a model by a {@link Decoding}: the paper's generation step. Only the prompt's
 * last N - 1 tokens are the n-gram model's context, but every prompt token counts as seen for the
 * repetition penalty (as in Hugging Face, whose penalty looks at the whole input).
 *
 * <p>Plain sampling walks the interpolation as a mixture (Kneser–Ney's form is one): at a context h it
 * picks a child with probability alpha, by binary search in the cumulative alphas, or with probability
 * gamma(h) moves to the suffix context, and at the root to the uniform distribution; exact, and about one
 * binary search per token. Top-k takes the k best words from a {@link CandidateStream}; temperature or
 * top-p without top-k, or a penalty alone, needs the whole distribution: O(V) per token. Greedy and beam
 * search are {@link BeamSearch}. Reused across prompts and fits; allocation-free after warm-up.
 */
public final class Continuations {
    private final NgramModel model;
    private final Decoding decoding;
    private final RankedChildren ranked;
    private final CandidateStream stream;
    private final BeamSearch beams;
    private final NgramModel.Context context;
    private final int[] seen;
    private int stamp;
    private int[] candidates = new int[16];
    private double[] scores = new double[16];
    private double[] dense = new double[0];
    private int[] seenWords = new int[16];

    /** A decoder of {@code model} (whose later fits it follows: call {@link #refitted} after each). */
    public Continuations(NgramModel model, Decoding decoding) {
        this.model = model;
        this.decoding = decoding;
        ranked = decoding.ranks() ? new RankedChildren(model) : null;
        stream = ranked == null ? null : new CandidateStream(model, ranked);
        beams = decoding.beams() > 0 ? new BeamSearch(model, stream, decoding.beams(), decoding.repetitionPenalty()) : null;
        context = model.newContext();
        seen = new int[model.vocabulary()];
    }

    /** Brings the decoder's tables up to date with the model's latest fit. */
    public void refitted() {
        if (ranked != null) {
            ranked.update();
        }
    }

    /** @return the decoding */
    public Decoding decoding() {
        return decoding;
    }

    /**
     * Writes {@code length} tokens continuing {@code prompt[from, from + promptLength)} into
     * {@code out[at, at + length)}.
     *
     * @param prompt Not modified.
     */
    public void continuation(int[] prompt, int from, int promptLength, int[] out, int at, int length, UniformRandomProvider rng) {
        if (beams != null) {
            beams.continuation(prompt, from, promptLength, out, at, length, 1);
            return;
        }
        context.clear();
        for (int i = Math.max(from, from + promptLength - (model.order() - 1)); i < from + promptLength; i++) {
            context.append(prompt[i]);
        }
        final boolean plain = decoding.plain();
        if (!plain) {
            newStamp();
            for (int i = from; i < from + promptLength; i++) {
                seen[prompt[i]] = stamp;
            }
        }
        for (int i = 0; i < length; i++) {
            if (plain) {
                out[at + i] = ancestral(context, rng);
            } else {
                final int w = processed(rng);
                out[at + i] = w;
                context.append(w);
                seen[w] = stamp;
            }
        }
    }

    /**
     * Writes {@code count} candidate continuations of the prompt, one after the other from {@code out[at]}: independent
     * draws when sampling, the best {@code count} beams of beam search ({@link BestOfN}).
     */
    public void candidates(int[] prompt, int from, int promptLength, int[] out, int at, int length, int count, UniformRandomProvider rng) {
        if (beams != null) {
            beams.continuation(prompt, from, promptLength, out, at, length, count);
            return;
        }
        for (int i = 0; i < count; i++) {
            continuation(prompt, from, promptLength, out, at + i * length, length, rng);
        }
    }

    private void newStamp() {
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(seen, 0);
            stamp = 1;
        }
    }

    /** One draw from P(. | state) by the mixture walk, appended to {@code state} (Modified). */
    int ancestral(NgramModel.Context state, UniformRandomProvider rng) {
        final NgramTrie trie = model.trie();
        int k = state.level();
        int h = state.node();
        while (true) {
            final double g = model.gamma(k, h);
            if (g < 1 && (g == 0 || rng.nextDouble() >= g)) {
                final int[] first = trie.firstChild(k);
                final int chosen = pick(model.cumulativeAlpha(k + 1), first[h], first[h + 1], rng.nextDouble());
                final int w = trie.word(k + 1)[chosen];
                if (k + 2 >= model.order()) {
                    // The drawn n-gram is as long as a context can be: it (or its suffix) is the next context.
                    state.moveTo(k + 1, chosen);
                } else {
                    // A deeper context may also have been followed by w (the walk left it by chance, not for lack of w).
                    state.append(w);
                }
                return w;
            }
            if (k == 0) {
                final int w = rng.nextInt(model.vocabulary());
                state.append(w);
                return w;
            }
            h = trie.suffix(k)[h];
            k--;
        }
    }

    /** @return the first i in [from, to) whose cumulative weight exceeds u times the range's total (the last positive one at worst) */
    private static int pick(double[] cumulative, int from, int to, double u) {
        int hi = to - 1;
        final double total = cumulative[hi];
        while (hi > from && cumulative[hi - 1] == total) {
            hi--;
        }
        final double target = u * total;
        int lo = from;
        while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** One draw after the penalty, temperature, top-k and top-p. */
    private int processed(UniformRandomProvider rng) {
        final int n = decoding.topK() > 0 ? topK() : decoding.topP() < 1 ? nucleusOfAll() : -1;
        if (n < 0) {
            return fromDense(rng);
        }
        return candidates[pick(scores, 0, n, rng.nextDouble())];
    }

    /**
     * The k best words by penalised logit into candidates, and every word tied with the k-th (Hugging
     * Face's top-k keeps ties), then their tempered weights cut by top-p, as cumulative sums in scores.
     *
     * @return the number kept
     */
    private int topK() {
        final double kth = kthScore(decoding.topK());
        int n = 0;
        stream.start(context);
        while (stream.next()) {
            final double logP = Math.log(stream.probability());
            if (bound(logP) < kth) {
                break;
            }
            final double score = score(stream.word(), logP);
            if (score >= kth) {
                grow(n + 1);
                candidates[n] = stream.word();
                scores[n] = score;
                n++;
            }
        }
        sortCandidates(n);
        final double best = scores[0];
        for (int i = 0; i < n; i++) {
            scores[i] = Math.exp(scores[i] - best);
        }
        return nucleus(n);
    }

    /** @return the processed logit of word w: ln P, times theta if seen, over tau (Hugging Face's order: penalty, then temperature) */
    private double score(int w, double logP) {
        return (seen[w] == stamp ? decoding.repetitionPenalty() : 1) * logP / decoding.temperature();
    }

    /** @return the largest processed logit any word of log-probability at most {@code logP} can have */
    private double bound(double logP) {
        return Math.min(1, decoding.repetitionPenalty()) * logP / decoding.temperature();
    }

    /** @return the k-th largest processed logit (or the smallest, with fewer than k words of positive probability) */
    private double kthScore(int k) {
        grow(k);
        int n = 0;
        stream.start(context);
        while (stream.next()) {
            final double logP = Math.log(stream.probability());
            if (n == k && bound(logP) < scores[n - 1]) {
                break;
            }
            final double score = score(stream.word(), logP);
            if (n == k && !(score > scores[n - 1])) {
                continue;
            }
            int i = n < k ? n++ : n - 1;
            while (i > 0 && score > scores[i - 1]) {
                scores[i] = scores[i - 1];
                i--;
            }
            scores[i] = score;
        }
        return scores[n - 1];
    }

    /** Insertion sort of candidates[0, n) by descending score (few words; the stream's order is nearly sorted already). */
    private void sortCandidates(int n) {
        for (int i = 1; i < n; i++) {
            final double s = scores[i];
            final int w = candidates[i];
            int j = i - 1;
            while (j >= 0 && scores[j] < s) {
                scores[j + 1] = scores[j];
                candidates[j + 1] = candidates[j];
                j--;
            }
            scores[j + 1] = s;
            candidates[j + 1] = w;
        }
    }

    /**
     * Cuts the descending weights scores[0, n) by top-p and makes the kept ones cumulative.
     *
     * @return the number kept
     */
    private int nucleus(int n) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += scores[i];
        }
        final double reach = nucleusMass(total);
        double sum = 0;
        int kept = 0;
        while (kept < n && (kept == 0 || sum < reach)) {
            sum += scores[kept];
            scores[kept] = sum;
            kept++;
        }
        return kept;
    }

    /**
     * Top-p over the whole vocabulary: every word's processed weight (O(V)), then the words in descending
     * order of weight (unseen words in the stream's order, seen words, whose penalty moves them down,
     * merged in) until their mass reaches p ({@link #nucleusMass}).
     */
    private int nucleusOfAll() {
        final double total = fillDense();
        int seenCount = 0;
        for (int w = 0; w < seen.length; w++) {
            if (seen[w] == stamp && dense[w] > 0) {
                if (seenCount == seenWords.length) {
                    seenWords = Arrays.copyOf(seenWords, 2 * seenCount);
                }
                seenWords[seenCount++] = w;
            }
        }
        sortByWeight(seenWords, seenCount);
        final double reach = nucleusMass(total);
        stream.start(context);
        boolean streamHas = nextUnseen();
        int s = 0;
        int n = 0;
        double sum = 0;
        while ((streamHas || s < seenCount) && (n == 0 || sum < reach)) {
            final int w;
            if (s < seenCount && (!streamHas || dense[seenWords[s]] > dense[stream.word()])) {
                w = seenWords[s++];
            } else {
                w = stream.word();
                streamHas = nextUnseen();
            }
            grow(n + 1);
            sum += dense[w];
            candidates[n] = w;
            scores[n] = sum;
            n++;
        }
        return n;
    }

    /**
     * Top-p keeps words, largest first, while the mass before the next is below p (the smallest set whose
     * mass reaches p: Hugging Face's rule, which removes a word when the mass of itself and every smaller
     * word is at most 1 - p). A mass within a relative 2^-40 of p counts as reaching it, so that sums equal
     * to p in exact arithmetic do not depend on rounding (Hugging Face's float32 sums can fall either way).
     *
     * @return the mass that, once reached, closes the nucleus
     */
    private double nucleusMass(double total) {
        return decoding.topP() * total * (1 - 0x1p-40);
    }

    private boolean nextUnseen() {
        while (stream.next()) {
            if (seen[stream.word()] != stamp) {
                return true;
            }
        }
        return false;
    }

    /** Insertion sort of the (few) seen words by descending processed weight, ties by word. */
    private void sortByWeight(int[] words, int n) {
        for (int i = 1; i < n; i++) {
            final int w = words[i];
            int j = i - 1;
            while (j >= 0 && dense[words[j]] < dense[w]) {
                words[j + 1] = words[j];
                j--;
            }
            words[j + 1] = w;
        }
    }

    /** A draw from the processed weights of every word. */
    private int fromDense(UniformRandomProvider rng) {
        final double total = fillDense();
        final double target = rng.nextDouble() * total;
        double sum = 0;
        int last = 0;
        for (int w = 0; w < dense.length; w++) {
            if (dense[w] > 0) {
                sum += dense[w];
                last = w;
                if (sum > target) {
                    return w;
                }
            }
        }
        return last;
    }

    /**
     * dense[w] = (P(w | h) with the penalty)^(1/tau), relative to the largest, for every word.
     *
     * @return their sum
     */
    private double fillDense() {
        final int v = model.vocabulary();
        if (dense.length < v) {
            dense = new double[v];
        }
        model.fill(context, dense);
        final double theta = decoding.repetitionPenalty();
        final double inverseTau = 1 / decoding.temperature();
        double best = Double.NEGATIVE_INFINITY;
        for (int w = 0; w < v; w++) {
            final double p = dense[w];
            final double logit = p > 0 ? (seen[w] == stamp ? theta : 1) * Math.log(p) * inverseTau : Double.NEGATIVE_INFINITY;
            dense[w] = logit;
            best = Math.max(best, logit);
        }
        double total = 0;
        for (int w = 0; w < v; w++) {
            final double q = Math.exp(dense[w] - best);
            dense[w] = q;
            total += q;
        }
        return total;
    }

    private void grow(int n) {
        if (candidates.length < n) {
            final int capacity = Math.max(n, 2 * candidates.length);
            candidates = Arrays.copyOf(candidates, capacity);
            scores = Arrays.copyOf(scores, capacity);
        }
    }
}
