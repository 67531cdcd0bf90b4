#!/usr/bin/env python3
"""NLTK's interpolated Kneser-Ney on a tiny hand-made corpus: the fixture the engine's n-gram model is
checked against (issue 15 §5), written as JSON.

Conventions (the engine's, fed to NLTK as they are):
- a block is a list of word tokens, out-of-vocabulary words already the literal token <unk>;
- it is padded on the LEFT with N - 1 <s> (no right padding, no </s>); the n-grams of orders 1..N
  counted are those of the padded block whose LAST token is a real token, so <s> is only ever
  context; exactly those tuples go to lm.fit, one list per block (not padded_everygram_pipeline,
  which would count n-grams ending in <s> and add </s>). The vocabulary is every token of the padded
  training blocks (<s> included, so a context holding <s> is not looked up as <unk>), with
  Vocabulary(unk_label="<unk>"), so NLTK adds no <UNK> of its own;
- KneserNeyInterpolated(N, discount=D) is the engine's interpolated Kneser-Ney with discounts
  [0 at the unigram level, D at every higher order]: NLTK's lowest level is the continuation count
  N1+(. w) / N1+(. .) with no discount and no uniform floor (smoothing.py, KneserNey.unigram_score);
  the middle orders use continuation counts N1+(. ctx w) / N1+(. ctx .) with the discount and
  gamma = D N1+(ctx .) / N1+(. ctx .); the top order raw counts c(ctx w) / c(ctx .), gamma =
  D N1+(ctx .) / c(ctx .); a context never seen in training (no counts after it) backs off whole
  (alpha 0, gamma 1; models.py, InterpolatedLanguageModel.unmasked_score);
- scoring a test block: every real token of the padded test block, with its N - 1 preceding tokens
  as context; perplexity = 2^(-mean log2 p) over all tokens of all test blocks (lm.perplexity over
  those N-grams).

Sums to 1: under this padding every counted k-gram (k < N) is the suffix of a counted (k+1)-gram
(a real token at padded position j >= N - 1 has N - 1 tokens before it), so at every middle order
the words with a positive continuation count N1+(. ctx w) are exactly those with c(ctx w) > 0, the
gamma NLTK takes from the raw counts, D N1+(ctx .), is the mass the discounts removed, and each
level sums to 1 - gamma + gamma (sum of the level below); the unigram level sums to 1 over the words
that end some bigram, i.e. every word seen in training. So every context's scores sum to 1 over the
vocabulary (<s> and any word absent from training score 0). This script checks it for every context
it writes (the largest |sum - 1| goes to stderr). Without the left padding (everygrams of the bare
blocks) they do not: in this corpus "<unk> san" occurs only at a block's start, so N1+(<unk> .) = 2
while only "." has a continuation count, N1+(. <unk> .) = 2, and the scores after ("<unk>",) sum to
(2 - 0.1) / 2 + 0.1 * 2 / 2 = 1.05 at D = 0.1.

Order 1: NLTK 3.8's KneserNeyInterpolated(1) cannot score anything: unigram_score takes continuation
counts from the bigrams, of which an order-1 model has none, and divides by zero (ZeroDivisionError).
So the fixture has orders 3 (D = 0.1, NLTK's default) and 2 (D = 0.75), no order 1.

Output, one JSON object (floats written by repr, so they read back exactly):
  {"nltk_version": "3.8", "package": ..., "script": ...,
   "models": [{"order": N, "discount": D,
               "train": [[token, ...], ...], "test": [[token, ...], ...]   (unpadded blocks),
               "vocabulary": [every word but <s>, sorted],
               "scores": [{"context": [token, ...], "word": w, "p": lm.score(w, context)}, ...],
               "perplexity": lm.perplexity(the test N-grams)}, ...]}
The scores cover every context of length 0..N-1 that occurs in the padded train or test blocks (the
first k tokens of a counted (k+1)-gram), plus one context seen in neither, each with every word of
the vocabulary; contexts sorted by length then tokens, words sorted. Regenerate byte-identically:
  /usr/bin/python3 bench/nltk/kneser_ney_fixture.py --out engine/src/test/resources/lm/nltk-kneser-ney-3.8.json

The corpus: 4 training blocks, 57 tokens in all, 13 words with <unk>, and 2 test blocks of 10 tokens.
"francisco" follows only "san" (raw count 4, continuation count 1) while "." follows many words;
"home" and "now" end blocks only, so their bigram contexts are empty in training; the test holds
contexts unseen in training ("mat sat", "sat home", "home ."), and ("the", "now") is seen nowhere
(both of its levels back off to the unigram).
"""
import argparse
import json
import math
import sys

from conventions import BOS, counted_ngrams, padded, scored_ngrams

try:
    import nltk
    from nltk.lm import KneserNeyInterpolated, Vocabulary
except ImportError:
    sys.exit("kneser_ney_fixture.py needs NLTK: install Debian's python3-nltk (apt-get install -y python3-nltk) "
             "and run it with /usr/bin/python3")

UNK = "<unk>"
TRAIN = [
    "the cat sat on the mat . the dog sat on a mat .".split(),
    "san francisco . the cat sat on <unk> . san francisco . a dog sat home".split(),
    "the dog sat on the mat . san francisco <unk> . the cat sat home".split(),
    "<unk> san francisco . a cat sat on the mat . now".split(),
]
TEST = [
    "the cat sat on a mat . san francisco .".split(),
    "a mat sat home . the dog sat on <unk>".split(),
]
NEVER_SEEN = ("the", "now")  # its last N - 1 tokens: a context in neither the train nor the test blocks
MODELS = ((3, 0.1), (2, 0.75))


def fit(order, discount, train):
    lm = KneserNeyInterpolated(order, discount=discount, vocabulary=Vocabulary(unk_label=UNK))
    lm.fit([counted_ngrams(b, order) for b in train], vocabulary_text=[t for b in train for t in padded(b, order)])
    return lm


def model_entry(order, discount):
    lm = fit(order, discount, TRAIN)
    words = sorted(set(lm.vocab) - {BOS})  # set: Vocabulary iterates its unk_label twice when the text holds it
    for b in TEST:
        missing = [t for t in b if t not in lm.vocab]
        assert not missing, "test words outside the vocabulary: %s" % missing
    occurring = {g[:-1] for b in TRAIN + TEST for g in counted_ngrams(b, order)}
    never = NEVER_SEEN[len(NEVER_SEEN) - (order - 1):]
    assert never not in occurring and len(never) == order - 1, never
    contexts = sorted(occurring | {never}, key=lambda c: (len(c), c))
    scores, worst = [], 0.0
    for c in contexts:
        ps = [lm.score(w, c) for w in words]
        worst = max(worst, abs(math.fsum(ps) - 1))
        scores += [dict(context=list(c), word=w, p=p) for w, p in zip(words, ps)]
    test_ngrams = [g for b in TEST for g in scored_ngrams(b, order)]
    perplexity = lm.perplexity(test_ngrams)
    print("order %d, D = %g: %d contexts x %d words = %d scores, largest |sum over the vocabulary - 1| = %.3g, "
          "test perplexity %r over %d tokens" % (order, discount, len(contexts), len(words), len(scores), worst,
                                                 perplexity, len(test_ngrams)), file=sys.stderr)
    return dict(order=order, discount=discount, train=TRAIN, test=TEST, vocabulary=words, scores=scores,
                perplexity=perplexity)


def dumps(doc):
    """JSON with one score per line (json.dumps writes floats by repr: they read back exactly)."""
    lines = ["{"]
    for key in ("nltk_version", "package", "script"):
        lines.append("  %s: %s," % (json.dumps(key), json.dumps(doc[key])))
    lines.append('  "models": [')
    for i, m in enumerate(doc["models"]):
        lines.append("    {")
        for key in ("order", "discount", "train", "test", "vocabulary"):
            lines.append("      %s: %s," % (json.dumps(key), json.dumps(m[key])))
        lines.append('      "scores": [')
        lines.append(",\n".join("        " + json.dumps(s) for s in m["scores"]))
        lines.append("      ],")
        lines.append('      "perplexity": %s' % json.dumps(m["perplexity"]))
        lines.append("    }" + ("," if i + 1 < len(doc["models"]) else ""))
    lines.append("  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description="NLTK KneserNeyInterpolated scores and perplexity on a tiny corpus, as JSON.")
    p.add_argument("--out", default=None, help="write the JSON to this file (default: standard output)")
    args = p.parse_args()
    doc = dict(nltk_version=nltk.__version__, package="Debian python3-nltk 3.8-1 (apt-get install -y python3-nltk)",
               script="bench/nltk/kneser_ney_fixture.py", models=[model_entry(n, d) for n, d in MODELS])
    text = dumps(doc)
    json.loads(text)  # well-formed
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
