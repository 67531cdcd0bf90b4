package org.modelcollapse.lm;

/** A generation's n-gram model with the text it was fitted on (which the data metrics describe). */
public final class LanguageModel {
    final NgramModel ngram;
    TokenBlocks data;

    LanguageModel(NgramModel ngram) {
        this.ngram = ngram;
    }

    /** @return the model; not to be modified */
    public NgramModel ngram() {
        return ngram;
    }

    /** @return the text of the fit; not to be modified */
    public TokenBlocks data() {
        return data;
    }
}
