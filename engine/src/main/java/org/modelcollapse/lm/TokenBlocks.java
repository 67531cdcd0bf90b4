package org.modelcollapse.lm;

import java.util.Arrays;
import org.modelcollapse.process.DataSummary;

/**
 * A generation's training text as the language-model chain keeps it: blocks of exactly {@code length}
 * token ids each, stored end to end. The paper's procedure cuts the training split into blocks of 64
 * tokens and makes each next generation from as many 64-token continuations; a block is a training
 * sequence of its own (n-grams never cross from one block into the next, see {@link NgramTrie}).
 * The buffer grows and never shrinks.
 */
public final class TokenBlocks implements DataSummary {
    private final int length;
    private int[] tokens;
    private int blocks;

    /** @param length tokens per block, at least 1 */
    public TokenBlocks(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("block length must be >= 1: " + length);
        }
        this.length = length;
        tokens = new int[length];
    }

    /**
     * The training part cut into blocks (issue 15 §3): block i is ids [i L, (i + 1) L), and the final
     * remainder of fewer than L tokens is dropped, as Hugging Face's {@code group_texts} does.
     *
     * @param ids Not modified (copied)
     * @param length L &gt;= 1
     * @throws IllegalArgumentException if L &lt; 1, or there are fewer than L ids (no block)
     */
    public static TokenBlocks cut(int[] ids, int length) {
        if (length < 1) {
            throw new IllegalArgumentException("block length is not at least 1: " + length);
        }
        final int count = ids.length / length;
        if (count == 0) {
            throw new IllegalArgumentException("the training part has " + ids.length + " tokens, fewer than one block of " + length);
        }
        final TokenBlocks blocks = new TokenBlocks(length);
        blocks.tokens = Arrays.copyOf(ids, count * length);
        blocks.blocks = count;
        return blocks;
    }

    /** @return tokens per block */
    public int length() {
        return length;
    }

    /** @return the number of blocks */
    public int blocks() {
        return blocks;
    }

    /** @return the number of tokens, {@code blocks() * length()} */
    public int size() {
        return blocks * length;
    }

    /** @return the ids, block after block; only the first {@link #size()} are data. Not to be modified. */
    public int[] tokens() {
        return tokens;
    }

    @Override
    public void clear() {
        blocks = 0;
    }

    /**
     * Appends a block.
     *
     * @param source Not modified: {@code length()} ids from {@code offset}
     */
    public void add(int[] source, int offset) {
        final int at = reserve();
        System.arraycopy(source, offset, tokens, at, length);
    }

    /** Appends block {@code b} of {@code other} (another instance, of the same length). */
    public void addBlock(TokenBlocks other, int b) {
        add(other.tokens, b * length);
    }

    /**
     * Appends a block to be written by the caller, into {@link #tokens()} as it is after this call (the buffer may grow).
     *
     * @return the offset in {@link #tokens()} of the new block's first token
     */
    public int reserve() {
        final int at = blocks * length;
        if (at + length > tokens.length) {
            if (at + length < 0 || at + length > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("training text exceeds 2^31 tokens");
            }
            tokens = Arrays.copyOf(tokens, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(2L * tokens.length, at + length)));
        }
        blocks++;
        return at;
    }
}
