package org.modelcollapse.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kneser–Ney against an independent implementation: NLTK 3.8's {@code KneserNeyInterpolated} scores and
 * test perplexity on a small hand-made corpus, written by {@code bench/nltk/kneser_ney_fixture.py} under
 * our conventions (blocks padded on the left with N - 1 {@code <s>}, n-grams ending in a real token). NLTK's
 * model is ours with discounts {0, D, D, ...}: no discount and no uniform floor at the unigram level.
 */
class NltkKneserNeyTest {
    private static final String FIXTURE = "/lm/nltk-kneser-ney-3.8.json";

    @Test
    @SuppressWarnings("unchecked")
    void scoresAndPerplexityEqualNltks() throws IOException {
        final Map<String, Object> fixture;
        try (InputStream in = getClass().getResourceAsStream(FIXTURE)) {
            fixture = JSON.std.mapFrom(in);
        }
        final List<Map<String, Object>> models = (List<Map<String, Object>>) fixture.get("models");
        assertTrue(models.size() >= 2, "the fixture's models");
        for (Map<String, Object> entry : models) {
            final int order = ((Number) entry.get("order")).intValue();
            final double discount = ((Number) entry.get("discount")).doubleValue();
            final List<String> words = (List<String>) entry.get("vocabulary");
            final Map<String, Integer> ids = new HashMap<>();
            for (String w : words) {
                ids.put(w, ids.size());
            }
            final int bos = words.size();
            ids.put("<s>", bos);
            final double[] discounts = new double[order];
            java.util.Arrays.fill(discounts, discount);
            discounts[0] = 0;
            final NgramModel model = new NgramModel(order, words.size());
            final Blocks train = blocks((List<List<String>>) entry.get("train"), ids);
            model.fit(train.tokens, train.ends, new Smoothing.KneserNey(discounts));
            final NgramModel.Context context = model.newContext();
            final List<Map<String, Object>> scores = (List<Map<String, Object>>) entry.get("scores");
            for (Map<String, Object> score : scores) {
                context.clear();
                for (String t : (List<String>) score.get("context")) {
                    context.append(ids.get(t));
                }
                final double expected = ((Number) score.get("p")).doubleValue();
                final double p = model.probability(context, ids.get((String) score.get("word")));
                assertEquals(expected, p, 4e-16 * Math.max(expected, 1e-300) + 1e-300,
                        "order " + order + " D " + discount + " P(" + score.get("word") + " | " + score.get("context") + ")");
            }
            final Blocks test = blocks((List<List<String>>) entry.get("test"), ids);
            double logSum = 0;
            for (int b = 0, from = 0; b < test.ends.length; from = test.ends[b++]) {
                logSum += model.logProbability(test.tokens, from, test.ends[b], context);
            }
            final double perplexity = Math.exp(-logSum / test.tokens.length);
            assertEquals(((Number) entry.get("perplexity")).doubleValue(), perplexity, 1e-13, "order " + order + " test perplexity");
        }
    }

    private record Blocks(int[] tokens, int[] ends) {}

    private static Blocks blocks(List<List<String>> text, Map<String, Integer> ids) {
        final List<Integer> all = new ArrayList<>();
        final int[] ends = new int[text.size()];
        for (int b = 0; b < text.size(); b++) {
            for (String t : text.get(b)) {
                all.add(ids.get(t));
            }
            ends[b] = all.size();
        }
        return new Blocks(all.stream().mapToInt(Integer::intValue).toArray(), ends);
    }
}
