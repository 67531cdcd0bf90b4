package org.modelcollapse.lm;

import java.util.Arrays;

/**
 * Beam search of width B over an n-gram model, Hugging Face's {@code generate(num_beams=B)} without an end
 * token (so min = max new tokens, as in the paper's code): at each step every beam is extended by every
 * word, scored by its log-probability (multiplied by the repetition penalty theta for a word in the
 * prompt or in that beam's own continuation) plus the beam's score, and the B best extensions are kept;
 * the first step extends the prompt alone. The continuation is the best beam. Greedy search is B = 1.
 *
 * <p>A beam's candidates come from a {@link CandidateStream} in descending probability, so the search
 * stops reading a beam once even an unpenalised word could not enter the B best: a few words per beam
 * and step. Ties keep the earlier beam and the more probable word. Allocation-free after warm-up.
 */
final class BeamSearch {
    private final NgramModel model;
    private final CandidateStream stream;
    private final int width;
    private final double penalty;
    private NgramModel.Context[] contexts;
    private NgramModel.Context[] nextContexts;
    private double[] score;
    private double[] nextScore;
    private int[][] history = new int[0][0];
    private int[][] nextHistory = new int[0][0];
    private final int[] poolBeam;
    private final int[] poolWord;
    private final int[] poolLevel;
    private final int[] poolNode;
    private final double[] poolScore;
    private final int[] promptSeen;
    private int stamp;

    BeamSearch(NgramModel model, CandidateStream stream, int width, double penalty) {
        this.model = model;
        this.stream = stream;
        this.width = width;
        this.penalty = penalty;
        contexts = new NgramModel.Context[width];
        nextContexts = new NgramModel.Context[width];
        for (int b = 0; b < width; b++) {
            contexts[b] = model.newContext();
            nextContexts[b] = model.newContext();
        }
        score = new double[width];
        nextScore = new double[width];
        poolBeam = new int[width];
        poolWord = new int[width];
        poolLevel = new int[width];
        poolNode = new int[width];
        poolScore = new double[width];
        promptSeen = new int[model.vocabulary()];
    }

    /**
     * Writes the {@code count} best beams (count &lt;= B), best first, each {@code length} tokens, into {@code out} from
     * {@code at}; when fewer beams live (a vocabulary smaller than B), the last one repeats.
     */
    void continuation(int[] prompt, int from, int promptLength, int[] out, int at, int length, int count) {
        if (history.length == 0 || history[0].length < length) {
            history = new int[width][length];
            nextHistory = new int[width][length];
        }
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(promptSeen, 0);
            stamp = 1;
        }
        for (int i = from; i < from + promptLength; i++) {
            promptSeen[prompt[i]] = stamp;
        }
        final NgramModel.Context start = contexts[0];
        start.clear();
        for (int i = Math.max(from, from + promptLength - (model.order() - 1)); i < from + promptLength; i++) {
            start.append(prompt[i]);
        }
        score[0] = 0;
        int live = 1;
        for (int t = 0; t < length; t++) {
            final int pooled = extend(live, t);
            for (int i = 0; i < pooled; i++) {
                final int b = poolBeam[i];
                nextContexts[i].moveTo(poolLevel[i], poolNode[i]);
                System.arraycopy(history[b], 0, nextHistory[i], 0, t);
                nextHistory[i][t] = poolWord[i];
                nextScore[i] = poolScore[i];
            }
            swap();
            live = pooled;
        }
        for (int i = 0; i < count; i++) {
            System.arraycopy(history[Math.min(i, live - 1)], 0, out, at + i * length, length);
        }
    }

    /** The best B extensions of the live beams at step t into the pool, best first; @return how many */
    private int extend(int live, int t) {
        int n = 0;
        final boolean penalised = penalty != 1;
        final double boundFactor = Math.min(1, penalty);
        for (int b = 0; b < live; b++) {
            stream.start(contexts[b]);
            while (stream.next(n < width ? 0 : Math.exp((poolScore[n - 1] - score[b]) / boundFactor))) {
                final double logP = Math.log(stream.probability());
                if (n == width && !(score[b] + boundFactor * logP > poolScore[n - 1])) {
                    break;
                }
                final int w = stream.word();
                final double s = score[b] + (penalised && seen(b, w, t) ? penalty * logP : logP);
                if (n == width && !(s > poolScore[n - 1])) {
                    continue;
                }
                int i = n < width ? n++ : n - 1;
                while (i > 0 && s > poolScore[i - 1]) {
                    poolScore[i] = poolScore[i - 1];
                    poolBeam[i] = poolBeam[i - 1];
                    poolWord[i] = poolWord[i - 1];
                    poolLevel[i] = poolLevel[i - 1];
                    poolNode[i] = poolNode[i - 1];
                    i--;
                }
                poolScore[i] = s;
                poolBeam[i] = b;
                poolWord[i] = w;
                poolLevel[i] = stream.level();
                poolNode[i] = stream.node();
            }
        }
        return n;
    }

    private boolean seen(int beam, int w, int t) {
        if (promptSeen[w] == stamp) {
            return true;
        }
        final int[] h = history[beam];
        for (int i = 0; i < t; i++) {
            if (h[i] == w) {
                return true;
            }
        }
        return false;
    }

    private void swap() {
        final NgramModel.Context[] c = contexts;
        contexts = nextContexts;
        nextContexts = c;
        final double[] s = score;
        score = nextScore;
        nextScore = s;
        final int[][] h = history;
        history = nextHistory;
        nextHistory = h;
    }
}
