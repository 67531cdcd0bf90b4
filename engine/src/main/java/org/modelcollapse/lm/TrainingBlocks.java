package org.modelcollapse.lm;

import java.util.Arrays;

/**
 * The training ids cut into blocks of L consecutive tokens, the prompts and the data size of the generational procedure
 * (issue 15 §3): block i is ids {@code [i·L, (i + 1)·L)}, and the final remainder of fewer than L tokens is dropped, as
 * Hugging Face's {@code group_texts} does. Blocks run across document boundaries, as there. Immutable.
 */
public final class TrainingBlocks {
    private final int[] ids;
    private final int length;
    private final int dropped;

    private TrainingBlocks(int[] ids, int length, int dropped) {
        this.ids = ids;
        this.length = length;
        this.dropped = dropped;
    }

    /**
     * @param ids Not modified (copied)
     * @param length L &gt;= 1
     * @throws IllegalArgumentException if L &lt; 1, or there are fewer than L ids (no block)
     */
    public static TrainingBlocks of(int[] ids, int length) {
        if (length < 1) {
            throw new IllegalArgumentException("block length is not at least 1: " + length);
        }
        final int count = ids.length / length;
        if (count == 0) {
            throw new IllegalArgumentException("the training part has " + ids.length + " tokens, fewer than one block of " + length);
        }
        return new TrainingBlocks(Arrays.copyOf(ids, count * length), length, ids.length - count * length);
    }

    /** @return L, the tokens per block */
    public int length() {
        return length;
    }

    /** @return the number of blocks */
    public int count() {
        return ids.length / length;
    }

    /** @return the number of training tokens dropped at the end, in [0, L) */
    public int dropped() {
        return dropped;
    }

    /** @return a copy of the first count()·L training ids, block after block */
    public int[] ids() {
        return ids.clone();
    }

    /** @return a copy of block i's ids, i in [0, count()) */
    public int[] block(int i) {
        return Arrays.copyOfRange(ids, i * length, (i + 1) * length);
    }
}
