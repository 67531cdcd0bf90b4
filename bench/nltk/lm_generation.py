#!/usr/bin/env python3
"""NLTK reference for one generation of `collapse lm` (issue 15 §6): nltk.lm's KneserNeyInterpolated
(order 3, discount 0.1, NLTK's default) fitted on the training blocks, a continuation generated from
prompt blocks, and the perplexity of the test blocks, each timed (wall and CPU seconds). NLTK is far
too slow to run a whole generation, so the script times samples of each phase and projects.

Data: --train and --test hold one block per line, tokens separated by single spaces (the blocks of
the paper's procedure are 64 tokens; out-of-vocabulary words already <unk>). The engine's conventions,
as in kneser_ney_fixture.py: each block padded on the left with N - 1 <s>, the n-grams of orders
1..N whose last token is real given to lm.fit (one list per block), the vocabulary every token of
the padded training blocks with Vocabulary(unk_label="<unk>"); a test token is scored with its N - 1
preceding tokens of the padded block.

Phases:
(a) fit: building the n-gram tuples (prepare) and lm.fit on ALL training blocks. NLTK's fit only
    counts (a Vocabulary and an NgramCounter of FreqDists); the smoothing is computed lazily: every
    lm.score recomputes the continuation counts it needs by scanning the whole table of the next
    order (KneserNey._continuation_counts iterates over every trigram context for a bigram-level
    score and every bigram context, with all their followers, for the unigram level), nothing cached.
    So one score costs about the same whatever the word, and that cost is the unit below.
(b) generation: --sample-blocks K prompts drawn from the training blocks (seeded), each
    lm.generate(G, text_seed=the prompt's last N - 1 tokens, random_seed=an int from the seeded
    generator), G = --tokens-per-prompt (the procedure generates 64; one token takes NLTK about 40 s
    on average, a median of about 2 s, on a 1.7-million-token State of the Union training split, so
    the default is 1).
    What lm.generate samples (nltk/lm/api.py, LanguageModel.generate, NLTK 3.8): for each token, the
    context is the last N - 1 tokens of prompt + generated so far; if no word followed that context
    in training (its FreqDist is empty) it drops the context's first token until one did (down to the
    empty context, i.e. every word seen as a unigram); the candidates are the words that FOLLOWED
    that (possibly shortened) context in training, sorted; each gets weight lm.score(w, context), the
    interpolated Kneser-Ney probability, and one is drawn with probability weight / sum of the
    candidates' weights (random.random() and bisect on the cumulative weights). So it samples the KN
    distribution RESTRICTED to the words seen after the context, renormalised: the mass KN gives to
    unseen continuations through its lower orders (gamma times the lower-order distribution, for
    words outside the context's followers) is never drawn; a word never seen after the context is
    never generated, unless the context itself was never followed by anything. The engine samples
    the full KN distribution over the vocabulary. Each candidate costs one lm.score, so a token costs
    about (candidates) x (seconds per score): the candidates of each generated token are recorded
    (by replaying generate's back-off, after timing).
(c) perplexity: --sample-test-tokens T test tokens drawn at random (seeded) from all test tokens,
    scored one lm.score each (lm.perplexity over those N-grams is 2 ** the mean of -log2 of the same
    scores; its value over the sample is reported, an estimate of the test perplexity, not the
    engine's exact number). Scoring a context never seen in training inserts an empty FreqDist into
    NLTK's counts (ConditionalFreqDist is a defaultdict), which lengthens later scans a little.

Projection to one whole generation (B training blocks of L = 64 tokens, X test tokens):
  whole = prepare + fit + B L c s_gen + X s_score
where s_score is the measured mean seconds per test-token score, s_gen the measured seconds per
candidate in generate (generation seconds / candidates scored), and c the mean candidates per
generated token when the context is drawn as the training tokens' contexts:
c = sum over the top-order contexts h without <s> of c(h .) N1+(h .) / sum of c(h .) (exact, from
the counts; the model's own text has about the training distribution of contexts, and never <s> in
them). The same mean over the test tokens' contexts, with generate's back-off, is reported beside
it (higher: a context unseen in training backs off to many candidates, every word at the unigram
level, which the model's own text, made of seen contexts, rarely needs). The direct projection
B L (generation seconds / generated tokens) is reported too; with a handful of tokens it is noisy,
because the candidates per context are heavy-tailed (1 to several thousand).

Every phase is timed in wall seconds (time.perf_counter) and CPU seconds (time.process_time, user +
sys of this process), as the NumPy peers' Timer does, and the projection is given for both: on a
shared machine the wall seconds grow with the load (recorded, os.getloadavg before and after), the
CPU seconds of this single-threaded process much less.

Output: one JSON object on standard output (and in --out FILE), in the style of the NumPy peers'
manifest.json: parameters, counts, timing (seconds), rates, projection with its formula. Progress goes
to standard error. The defaults take about 1.1 minutes of CPU (1.5 wall on a loaded 2-core machine)
on that corpus: fit about 36 s of it, peak RSS about 0.9 GB. How long the generation phase takes
depends on the prompts drawn: a token costs about 0.2 s per candidate, and a context can have
thousands of candidates ("of the": 3449).

Usage: /usr/bin/python3 bench/nltk/lm_generation.py --train FILE --test FILE [--order 3] [--discount 0.1]
         [--seed S] [--sample-blocks K] [--tokens-per-prompt G] [--sample-test-tokens T] [--block-tokens 64] [--out FILE]
"""
import argparse
import json
import math
import os
import platform
import random
import resource
import statistics
import sys

from conventions import BOS, counted_ngrams, padded, scored_ngrams
import time

try:
    import nltk
    from nltk.lm import KneserNeyInterpolated, Vocabulary
except ImportError:
    sys.exit("lm_generation.py needs NLTK: install Debian's python3-nltk (apt-get install -y python3-nltk) "
             "and run it with /usr/bin/python3")

UNK = "<unk>"


class Timer:
    """Wall (time.perf_counter) and CPU (time.process_time: user + sys of this process) seconds."""

    def __enter__(self):
        self.wall0, self.cpu0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall0
        self.cpu = time.process_time() - self.cpu0


def progress(text):
    print("lm_generation: " + text, file=sys.stderr, flush=True)


def read_blocks(path):
    with open(path, encoding="utf-8") as f:
        blocks = [line.rstrip("\n").split(" ") for line in f if line.strip()]
    if not blocks:
        sys.exit("lm_generation: %s holds no blocks" % path)
    return blocks


def summary(values):
    """Mean, standard deviation and coefficient of variation of per-item seconds."""
    mean = statistics.fmean(values)
    sd = statistics.stdev(values) if len(values) > 1 else math.nan
    return dict(n=len(values), mean=mean, sd=sd, cv=sd / mean if mean > 0 else math.nan)


def candidates_of(lm, history):
    """The number of words lm.generate weighs after history (its back-off, replayed without inserting)."""
    order = lm.order
    context = tuple(history[-order + 1:]) if order > 1 else ()
    while context:
        followers = lm.counts[len(context) + 1].get(context)
        if followers:
            return len(followers)
        context = context[1:]
    return len(lm.counts.unigrams)


def mean_candidates(lm):
    """sum_h c(h .) N1+(h .) / sum_h c(h .) over the contexts h of the highest order without <s>
    (a generated token's context is real text: the prompt's end and what was generated)."""
    num = den = 0
    for context, followers in lm.counts[lm.order].items():
        if BOS in context:
            continue
        n = followers.N()
        num += n * len(followers)
        den += n
    return num / den if den else float(len(lm.counts.unigrams))


def main():
    p = argparse.ArgumentParser(description="NLTK KneserNeyInterpolated: one generation of the paper's procedure, timed in samples and projected.")
    p.add_argument("--train", required=True, help="training blocks, one a line, tokens separated by single spaces")
    p.add_argument("--test", required=True, help="test blocks, the same format")
    p.add_argument("--order", type=int, default=3, help="n-gram order N (default: 3)")
    p.add_argument("--discount", type=float, default=0.1, help="KneserNeyInterpolated discount (default: 0.1, NLTK's)")
    p.add_argument("--seed", type=int, default=1, help="seed of the prompts, generation and test sample (default: 1)")
    p.add_argument("--sample-blocks", type=int, default=3, help="prompt blocks K actually generated from (default: 3)")
    p.add_argument("--tokens-per-prompt", type=int, default=1, help="tokens G generated per prompt (default: 1; the procedure's is 64)")
    p.add_argument("--sample-test-tokens", type=int, default=100, help="test tokens T actually scored (default: 100)")
    p.add_argument("--block-tokens", type=int, default=64, help="tokens generated per block in the projection (default: 64)")
    p.add_argument("--out", default=None, help="also write the JSON to this file")
    args = p.parse_args()
    if args.order < 2:
        p.error("--order must be at least 2 (NLTK's KneserNeyInterpolated(1) divides by zero: no bigrams to count continuations)")
    if not 0 <= args.discount <= 1:
        p.error("--discount must be in [0, 1]")
    if args.sample_blocks < 1 or args.tokens_per_prompt < 1 or args.sample_test_tokens < 2 or args.block_tokens < 1:
        p.error("need --sample-blocks >= 1, --tokens-per-prompt >= 1, --sample-test-tokens >= 2, --block-tokens >= 1")
    n = args.order
    train, test = read_blocks(args.train), read_blocks(args.test)
    train_tokens, test_tokens = sum(map(len, train)), sum(map(len, test))
    progress("%d training blocks (%d tokens), %d test blocks (%d tokens), order %d, D = %g"
             % (len(train), train_tokens, len(test), test_tokens, n, args.discount))

    load_before = os.getloadavg()
    with Timer() as prepare:
        ngram_blocks = [counted_ngrams(b, n) for b in train]
        vocabulary_text = [t for b in train for t in padded(b, n)]
    with Timer() as fit:
        lm = KneserNeyInterpolated(n, discount=args.discount, vocabulary=Vocabulary(unk_label=UNK))
        lm.fit(ngram_blocks, vocabulary_text=vocabulary_text)
    del ngram_blocks, vocabulary_text
    vocabulary = len(set(lm.vocab) - {BOS})
    contexts = {k: len(lm.counts[k]) for k in range(2, n + 1)}
    types = {k: sum(len(f) for f in lm.counts[k].values()) for k in range(2, n + 1)}
    types[1] = len(lm.counts.unigrams)
    c_mean = mean_candidates(lm)
    test_ngrams = [g for b in test for g in scored_ngrams(b, n)]
    real = [g[:-1] for g in test_ngrams if BOS not in g[:-1]]
    c_test = statistics.fmean(candidates_of(lm, h) for h in real) if real else math.nan
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    progress("prepare %.2f s (CPU %.2f s), fit %.2f s (CPU %.2f s); %d words, contexts by order %s, peak RSS %.0f MB; "
             "mean candidates per generated token %.1f (over the test's contexts: %.1f)"
             % (prepare.wall, prepare.cpu, fit.wall, fit.cpu, vocabulary, contexts, rss_mb, c_mean, c_test))

    rng = random.Random(args.seed)
    prompts = rng.sample(range(len(train)), min(args.sample_blocks, len(train)))
    gen_wall = gen_cpu = 0.0
    gen_tokens, gen_candidates, per_token, per_candidate, samples = 0, 0, [], [], []
    for i in prompts:
        seed_text = train[i][-(n - 1):]
        random_seed = rng.randrange(2 ** 63)
        progress("generating %d token(s) from block %d, context %r (first token: %d candidate(s))"
                 % (args.tokens_per_prompt, i, " ".join(seed_text), candidates_of(lm, seed_text)))
        with Timer() as g:
            out = lm.generate(args.tokens_per_prompt, text_seed=seed_text, random_seed=random_seed)
        out = [out] if isinstance(out, str) else out
        cands = sum(candidates_of(lm, seed_text + out[:j]) for j in range(len(out)))
        gen_wall += g.wall
        gen_cpu += g.cpu
        gen_tokens += len(out)
        gen_candidates += cands
        per_token.append(g.wall / len(out))
        per_candidate.append(g.wall / cands)
        samples.append(dict(block=i, context=seed_text, generated=out, candidates=cands, seconds=g.wall, cpu_seconds=g.cpu))
        progress("  %.2f s (CPU %.2f s), %d candidate(s), %.4f s per candidate: %r" % (g.wall, g.cpu, cands, g.wall / cands, " ".join(out)))

    chosen = [test_ngrams[j] for j in rng.sample(range(len(test_ngrams)), min(args.sample_test_tokens, len(test_ngrams)))]
    score_times, log2s, score_cpu = [], [], 0.0
    for ngram in chosen:
        with Timer() as sc:
            pr = lm.score(ngram[-1], ngram[:-1])
        score_times.append(sc.wall)
        score_cpu += sc.cpu
        log2s.append(math.log2(pr) if pr > 0 else -math.inf)
    score_seconds = math.fsum(score_times)
    load_after = os.getloadavg()
    thirds = [statistics.fmean(score_times[k::3]) for k in range(3)]
    sample_perplexity = 2 ** (-statistics.fmean(log2s))
    progress("scored %d test tokens in %.2f s (CPU %.2f s; %.4f s per token, the three interleaved thirds %s); "
             "perplexity of the sample %.2f" % (len(chosen), score_seconds, score_cpu, score_seconds / len(chosen),
                                                ", ".join("%.4f" % x for x in thirds), sample_perplexity))

    B, L, X = len(train), args.block_tokens, test_tokens

    def project(prepare_s, fit_s, gen_s, score_s):
        s_gen, s_score = gen_s / gen_candidates, score_s / len(chosen)
        generation, perplexity = B * L * c_mean * s_gen, X * s_score
        whole = prepare_s + fit_s + generation + perplexity
        return dict(s_gen_seconds_per_candidate=s_gen, s_score_seconds_per_token=s_score, generation_seconds=generation,
                    generation_seconds_direct=B * L * gen_s / gen_tokens, perplexity_seconds=perplexity,
                    whole_generation_seconds=whole, whole_generation_days=whole / 86400)

    wall = project(prepare.wall, fit.wall, gen_wall, score_seconds)
    cpu = project(prepare.cpu, fit.cpu, gen_cpu, score_cpu)
    result = dict(
        tool="nltk-reference",
        script=os.path.relpath(sys.argv[0]),
        parameters=dict(model="KneserNeyInterpolated", order=n, discount=args.discount, train=args.train, test=args.test,
                        sample_blocks=len(prompts), tokens_per_prompt=args.tokens_per_prompt,
                        sample_test_tokens=len(chosen), block_tokens=L),
        seed=args.seed,
        python=platform.python_version(),
        nltk=nltk.__version__,
        random="random.Random(seed): the prompts, generate's random_seed (an int per prompt), the test sample",
        machine=dict(cpus=os.cpu_count(), load_average_before=load_before, load_average_after=load_after),
        counts=dict(train_blocks=B, train_tokens=train_tokens, test_blocks=len(test), test_tokens=X,
                    vocabulary=vocabulary, contexts_by_order={str(k): v for k, v in contexts.items()},
                    ngram_types_by_order={str(k): types[k] for k in sorted(types)},
                    mean_candidates_per_generated_token=c_mean, mean_candidates_over_test_contexts=c_test,
                    peak_rss_mb=rss_mb),
        timing=dict(
            prepare_seconds=prepare.wall, prepare_cpu_seconds=prepare.cpu,
            fit_seconds=fit.wall, fit_cpu_seconds=fit.cpu,
            fit_note="lm.fit only counts; NLTK's Kneser-Ney smoothing is computed lazily inside every lm.score",
            generation=dict(seconds=gen_wall, cpu_seconds=gen_cpu, tokens=gen_tokens, candidates=gen_candidates,
                            seconds_per_token=gen_wall / gen_tokens, seconds_per_candidate=gen_wall / gen_candidates,
                            per_prompt_seconds_per_token=summary(per_token),
                            per_prompt_seconds_per_candidate=summary(per_candidate), samples=samples),
            perplexity=dict(seconds=score_seconds, cpu_seconds=score_cpu, tokens=len(chosen),
                            seconds_per_token=score_seconds / len(chosen), per_token_seconds=summary(score_times),
                            interleaved_thirds_seconds_per_token=thirds, sample_perplexity=sample_perplexity)),
        projection=dict(
            formula="whole = prepare + fit + B*L*c*s_gen + X*s_score",
            generation_direct_formula="B*L*(generation seconds / generated tokens)",
            B_train_blocks=B, L_block_tokens=L, c_mean_candidates=c_mean, X_test_tokens=X,
            wall=wall, cpu=cpu),
    )
    text = json.dumps(result, indent=2) + "\n"
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    for name, pr in (("wall", wall), ("CPU", cpu)):
        progress("projected whole generation (%s) %.3g s (%.3g days) = prepare + fit + generation %.3g s + perplexity %.3g s"
                 " (direct generation projection %.3g s)" % (name, pr["whole_generation_seconds"], pr["whole_generation_days"],
                                                            pr["generation_seconds"], pr["perplexity_seconds"],
                                                            pr["generation_seconds_direct"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
