"""The engine's n-gram conventions, shared by the NLTK peers (kneser_ney_fixture.py, lm_generation.py): each
block is padded on the left with N - 1 <s>; the n-grams counted are those of orders 1..N of the padded block
whose last token is real (so <s> is context only); a token is scored with its N - 1 preceding tokens."""

BOS = "<s>"


def padded(block, order):
    return [BOS] * (order - 1) + list(block)


def counted_ngrams(block, order):
    """The n-grams of orders 1..order of the padded block whose last token is a real token."""
    p = padded(block, order)
    return [tuple(p[j - k + 1:j + 1]) for j in range(order - 1, len(p)) for k in range(1, order + 1)]


def scored_ngrams(block, order):
    """Every real token of the padded block with its order - 1 preceding tokens."""
    p = padded(block, order)
    return [tuple(p[j - order + 1:j + 1]) for j in range(order - 1, len(p))]
