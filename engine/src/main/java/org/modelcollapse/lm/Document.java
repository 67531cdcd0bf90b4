package org.modelcollapse.lm;

import java.util.Objects;

/**
 * One document of a {@link Corpus}: its name (a file's path relative to the corpus, with {@code /} between folders, or a
 * zip entry's name) and its whole text, decoded.
 *
 * @param name unique within its corpus; the split orders documents by it ({@link CorpusSplit})
 * @param text the document's characters, as read
 */
public record Document(String name, String text) {
    /** Checks that neither part is null. */
    public Document {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }
}
