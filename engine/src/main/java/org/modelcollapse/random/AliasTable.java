package org.modelcollapse.random;

/**
 * Walker's alias table, built in O(k) by Vose's method (M. D. Vose, "A linear algorithm for
 * generating random numbers with a given distribution", IEEE Trans. Softw. Eng. 17 (1991) 972–975,
 * doi:10.1109/32.92917), over a list of categories with unnormalised weights. A degenerate
 * distribution (one category) is an ordinary table. Buffers grow and never shrink, so rebuilding a
 * table of the same or smaller size allocates nothing.
 *
 * <p>Sampling takes one uniform u in [0, 1): x = u k, column i = floor(x), and the fraction x - i
 * chooses between the column's category and its alias.
 */
public final class AliasTable {
    private int size;
    private int[] states = new int[0];
    private double[] threshold = new double[0];
    private int[] alias = new int[0];
    private int[] small = new int[0];
    private int[] large = new int[0];

    /** @return an empty table; call {@link #build} before sampling */
    public static AliasTable create() {
        return new AliasTable();
    }

    /**
     * @param ids Not modified. Category ids, {@code count} of them, with weights &gt; 0.
     * @param weights Not modified. Indexed by category id.
     * @param total sum of the listed weights
     */
    public void build(int[] ids, int count, double[] weights, double total) {
        ensureCapacity(count);
        size = count;
        final double scale = count / total;
        for (int i = 0; i < count; i++) {
            states[i] = ids[i];
            threshold[i] = weights[ids[i]] * scale;
        }
        pairUp(threshold, alias, 0, count, small, large);
    }

    /**
     * Vose's pairing of one table in place: on entry {@code threshold[from + i]}, i &lt; count, holds
     * count times the probability of column i; on return it holds the column's own share and
     * {@code alias[from + i]} its alias (a column index, i itself when the share is 1).
     *
     * @param small Modified: work space of at least {@code count} elements.
     * @param large Modified: work space of at least {@code count} elements.
     */
    static void pairUp(double[] threshold, int[] alias, int from, int count, int[] small, int[] large) {
        int ns = 0;
        int nl = 0;
        for (int i = 0; i < count; i++) {
            alias[from + i] = i;
            if (threshold[from + i] < 1) {
                small[ns++] = i;
            } else {
                large[nl++] = i;
            }
        }
        while (ns > 0 && nl > 0) {
            final int s = small[--ns];
            final int l = large[nl - 1];
            alias[from + s] = l;
            final double rest = threshold[from + l] + threshold[from + s] - 1;
            threshold[from + l] = rest;
            if (rest < 1) {
                nl--;
                small[ns++] = l;
            }
        }
        // Leftovers differ from 1 only by rounding: make them certain.
        while (nl > 0) {
            threshold[from + large[--nl]] = 1;
        }
        while (ns > 0) {
            threshold[from + small[--ns]] = 1;
        }
    }

    /**
     * @param u uniform in [0, 1)
     * @return a category id
     */
    public int sample(double u) {
        final double x = u * size;
        final int i = Math.min((int) x, size - 1);
        return x - i < threshold[i] ? states[i] : states[alias[i]];
    }

    /**
     * Samples once per uniform and counts the outcomes.
     *
     * @param uniforms Not modified. {@code n} uniforms in [0, 1).
     * @param tally Modified: {@code tally[id]} is incremented once per draw of category id.
     */
    public void tally(double[] uniforms, int n, int[] tally) {
        final double[] th = threshold;
        final int[] st = states;
        final int[] al = alias;
        final int k = size;
        final int last = k - 1;
        for (int j = 0; j < n; j++) {
            final double x = uniforms[j] * k;
            final int i = Math.min((int) x, last);
            tally[x - i < th[i] ? st[i] : st[al[i]]]++;
        }
    }

    private void ensureCapacity(int n) {
        if (states.length < n) {
            states = new int[n];
            threshold = new double[n];
            alias = new int[n];
            small = new int[n];
            large = new int[n];
        }
    }
}
