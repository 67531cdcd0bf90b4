package org.modelcollapse.discrete;

/**
 * Applies a {@link Decoding} to a distribution, with the semantics of Hugging Face transformers'
 * logits warpers ({@code src/transformers/generation/logits_process.py}: {@code TemperatureLogitsWarper},
 * {@code TopKLogitsWarper}, {@code TopPLogitsWarper}, applied in that order by {@code generate}). The
 * logits of a state are ln p_j; each step sees the distribution the previous one left (softmax of the
 * surviving logits):
 * <ol>
 *   <li>temperature: logits divided by tau, so p ∝ p^(1/tau). Computed in log space relative to the
 *   largest logit, (ln w_j - ln w_max) / tau, then exponentiated: exact wherever the result is a
 *   normal double, for every K and tau (p^(1/tau) itself would underflow for tau of 0.01 and p of 1e-4);
 *   a probability below 2^-1074 of the largest becomes 0 and leaves the support.</li>
 *   <li>top-k: HF removes the states whose score is below the k-th largest score
 *   ({@code scores < torch.topk(scores, k)[0][..., -1, None]}): every state tied with the k-th is
 *   kept, so more than k may survive. That rule is deterministic, so it is ours too. k &gt;= the
 *   support keeps everything.</li>
 *   <li>top-p: HF sorts ascending, takes the cumulative sum of the softmax and removes the states with
 *   {@code cumulative_probs <= 1 - top_p}, always keeping the largest ({@code min_tokens_to_keep = 1}).
 *   In exact arithmetic that keeps the smallest set of the largest probabilities whose mass reaches
 *   top-p; in floating point the boundary is HF's own: p = (0.5, 0.3, 0.2) with top-p 0.8 keeps all
 *   three, because 1 - 0.8 = 0.19999999999999996 &lt; 0.2. HF's {@code torch.sort} is not stable, so
 *   which of tied states survives at the boundary is unspecified there; here the lower state index
 *   is kept (it sorts after the higher one in ascending order, so it is removed last).</li>
 * </ol>
 * Off steps are skipped (tau = 1 uses the weights themselves: no log or exp rounding), and a map that
 * would change nothing returns its input.
 *
 * <p>Cost, for n states in the support: temperature O(n) (a log and an exp each); top-k O(n log k)
 * (a bounded min-heap selects the k-th largest); top-p O(n log n) (a heapsort of the survivors: the
 * cumulative sum needs their order). Allocation-free: the workspace is sized to K at construction.
 */
final class DecodingMap {
    private final Decoding decoding;
    /** Per position of the source's list: the logit (ln w / tau), or the weight itself when tau = 1. */
    private final double[] key;
    /** Positions of the surviving states, and the sort's order. */
    private final int[] kept;
    /** The top-k selection's min-heap of keys. */
    private final double[] heap;
    private final WeightedSupport out;

    /** @param states K, the size of every support this map will see */
    DecodingMap(Decoding decoding, int states) {
        this.decoding = decoding;
        key = new double[states];
        kept = new int[states];
        heap = new double[states];
        out = new WeightedSupport(states);
    }

    /**
     * @param source Not modified. Probabilities weight / total.
     * @return decode(source): {@code source} itself if nothing changes, otherwise this map's own
     *     support (unnormalised weights), valid until the next call
     */
    WeightedSupport apply(WeightedSupport source) {
        final int n = source.size;
        if (decoding.isIdentity() || n <= 1) {
            return source; // a delta stays a delta: absorption is unchanged
        }
        final double tau = decoding.temperature();
        final boolean tempered = tau != 1;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            final double w = source.weight[source.ids[i]];
            key[i] = tempered ? Math.log(w) / tau : w;
            max = Math.max(max, key[i]);
        }
        int count = selectTopK(n);
        if (decoding.topP() < 1) {
            count = nucleus(source, count, tempered, max);
        }
        if (!tempered && count == n) {
            return source;
        }
        out.clear();
        for (int i = 0; i < count; i++) {
            final int at = kept[i];
            out.add(source.ids[at], weight(at, tempered, max));
        }
        return out;
    }

    /** @return the tempered, unnormalised weight of list position {@code at}: exp(logit - largest logit), or the weight itself */
    private double weight(int at, boolean tempered, double max) {
        return tempered ? Math.exp(key[at] - max) : key[at];
    }

    /**
     * Fills {@link #kept} with the positions whose key is at least the k-th largest (all of them with top-k off), in list order.
     *
     * @return how many
     */
    private int selectTopK(int n) {
        final int k = decoding.topK();
        double threshold = Double.NEGATIVE_INFINITY;
        if (k > 0 && k < n) {
            threshold = kthLargest(n, k);
        }
        int count = 0;
        for (int i = 0; i < n; i++) {
            kept[count] = i;
            count += key[i] >= threshold ? 1 : 0;
        }
        return count;
    }

    /** @return the k-th largest of key[0..n), by a min-heap of the k largest seen so far (O(n log k)) */
    private double kthLargest(int n, int k) {
        for (int i = 0; i < k; i++) {
            heap[i] = key[i];
        }
        for (int i = k / 2 - 1; i >= 0; i--) {
            siftDown(heap, i, k);
        }
        for (int i = k; i < n; i++) {
            if (key[i] > heap[0]) {
                heap[0] = key[i];
                siftDown(heap, 0, k);
            }
        }
        return heap[0];
    }

    private static void siftDown(double[] h, int i, int size) {
        final double x = h[i];
        int at = i;
        for (int child = 2 * at + 1; child < size; child = 2 * at + 1) {
            if (child + 1 < size && h[child + 1] < h[child]) {
                child++;
            }
            if (h[child] >= x) {
                break;
            }
            h[at] = h[child];
            at = child;
        }
        h[at] = x;
    }

    /**
     * Top-p on the {@code count} survivors of top-k, as HF computes it: ascending order, cumulative
     * softmax, remove while it is &lt;= 1 - top-p, keep the largest. Leaves the survivors at the front
     * of {@link #kept}.
     *
     * @return how many survive
     */
    private int nucleus(WeightedSupport source, int count, boolean tempered, double max) {
        heapSortAscending(source.ids, count);
        double total = 0;
        for (int i = 0; i < count; i++) {
            total += weight(kept[i], tempered, max);
        }
        final double cut = 1 - decoding.topP();
        double cumulative = 0;
        int removed = 0;
        while (removed < count - 1) {
            cumulative += weight(kept[removed], tempered, max) / total;
            if (!(cumulative <= cut)) {
                break;
            }
            removed++;
        }
        System.arraycopy(kept, removed, kept, 0, count - removed);
        return count - removed;
    }

    /**
     * Sorts kept[0..count) ascending by key, and among equal keys the higher state index first (so
     * that the lower one is removed last). Heapsort: O(n log n), in place, no recursion.
     */
    private void heapSortAscending(int[] ids, int count) {
        for (int i = count / 2 - 1; i >= 0; i--) {
            siftDownMax(ids, i, count);
        }
        for (int end = count - 1; end > 0; end--) {
            final int top = kept[0];
            kept[0] = kept[end];
            kept[end] = top;
            siftDownMax(ids, 0, end);
        }
    }

    /** Max-heap sift on kept[] under the ascending order of {@link #heapSortAscending}. */
    private void siftDownMax(int[] ids, int i, int size) {
        final int x = kept[i];
        int at = i;
        for (int child = 2 * at + 1; child < size; child = 2 * at + 1) {
            if (child + 1 < size && after(kept[child + 1], kept[child], ids)) {
                child++;
            }
            if (!after(kept[child], x, ids)) {
                break;
            }
            kept[at] = kept[child];
            at = child;
        }
        kept[at] = x;
    }

    /** @return true if position a sorts after position b: a larger key, or an equal key and a lower state index */
    private boolean after(int a, int b, int[] ids) {
        return key[a] > key[b] || key[a] == key[b] && ids[a] < ids[b];
    }
}
