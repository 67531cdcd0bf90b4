package org.modelcollapse.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.modelcollapse.lm.Corpus;
import org.modelcollapse.lm.TokenBlocks;
import org.modelcollapse.lm.TokenizedCorpus;
import org.modelcollapse.lm.Vocabulary;

/**
 * Writes a corpus as {@code collapse lm} reads it by default (the same tokeniser, split and vocabulary) for a
 * peer: DIR/train.txt, the training blocks of 64 tokens, one a line, and DIR/test.txt, the test split in
 * blocks of 64 (the last shorter), tokens separated by single spaces, words below the minimum count as
 * {@code <unk>}. Usage: LmExport CORPUS DIR.
 */
public final class LmExport {
    private LmExport() {}

    public static void main(String[] args) throws IOException {
        final TokenizedCorpus text = TokenizedCorpus.of(Corpus.read(Path.of(args[0])));
        final Path dir = Files.createDirectories(Path.of(args[1]));
        final TokenBlocks train = text.blocks(64);
        write(dir.resolve("train.txt"), train.tokens(), train.size(), text.vocabulary());
        write(dir.resolve("test.txt"), text.test(), text.test().length, text.vocabulary());
        System.err.printf("wrote %d training blocks and %d test tokens to %s%n", train.blocks(), text.test().length, dir);
    }

    private static void write(Path file, int[] ids, int n, Vocabulary vocabulary) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < n; i++) {
                w.write(vocabulary.word(ids[i]));
                w.write(i % 64 == 63 || i == n - 1 ? '\n' : ' ');
            }
        }
    }
}
