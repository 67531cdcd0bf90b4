"""Shared pieces of the NumPy reference implementations (bench/numpy/discrete.py, gaussian.py).

What the CLI's engine does and these mirror (engine/src/main/java/org/modelcollapse/experiment/):
- checkpoints: generation 0, the 1-2-5 series below the last generation, and the last (Checkpoints.upTo);
- quantiles: Hyndman & Fan type 7 at 5%, 50% and 95%; between an infinite and a finite order
  statistic the quantile is that infinity (ExperimentRunner.quantiles);
- means over replicates: +-infinity if some value is, NaN if both signs occur; the standard error
  sqrt(m2 / (n - 1) / n), NaN with an infinity or below two replicates (GenerationStatistics);
- numbers written as Java's Double.toString writes them ("Infinity", "NaN", 1.0E-4), rows ended by
  CRLF as Commons CSV's default format ends them (cli/.../ResultFiles.java).

Only NumPy and the standard library are used.
"""
import argparse
import json
import math
import os
import platform
import re
import statistics
import sys
import time

import numpy as np

QUANTILE_LEVELS = (0.05, 0.5, 0.95)
# Family-wise false-alarm rate of one script's self-check, Bonferroni-corrected over its checks:
# the rate of the project's verification reports (docs/theory.md §3).
FAMILY_ALPHA = 1e-3


def checkpoints(last):
    """Checkpoints.upTo: 0, 1, 2, 5, 10, 20, 50, ... below last, then last."""
    gs = [0]
    decade = 1
    while decade <= last:
        for f in (1, 2, 5):
            if decade * f < last:
                gs.append(decade * f)
        decade *= 10
    if last > 0:
        gs.append(last)
    return gs


def is_125(g):
    """True if g >= 1 is in the 1-2-5 series (a checkpoint whenever it is below the last generation)."""
    while g % 10 == 0:
        g //= 10
    return g in (1, 2, 5)


def quantiles(values, levels=QUANTILE_LEVELS):
    """Type-7 quantiles of every row of values (metrics x replicates), with the CLI's infinity rule.

    Returns (metrics, levels). The order statistics come from one np.partition; NaN ranks last, as
    Double.compare ranks it.
    """
    n = values.shape[1]
    ks = [int(math.floor((n - 1) * level)) for level in levels]
    s = np.partition(values, sorted({i for k in ks for i in (k, min(k + 1, n - 1))}), axis=1)
    out = np.empty((values.shape[0], len(levels)))
    for i, (level, k) in enumerate(zip(levels, ks)):
        frac = (n - 1) * level - k
        a = s[:, k]
        b = s[:, min(k + 1, n - 1)]
        with np.errstate(invalid="ignore"):
            q = a + frac * (b - a)
        same = (a == b) | (frac == 0)
        q = np.where(same, a, q)
        infinite = ~same & (np.isinf(a) | np.isinf(b))
        q = np.where(infinite, np.where(a == -np.inf, a, b), q)
        out[:, i] = q
    return out


def mean_and_se(values):
    """Mean and standard error over the last axis, by the CLI's rule for infinities (see the module comment)."""
    n = values.shape[-1]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = values.mean(axis=-1)
        if n < 2:
            return mean, np.full(mean.shape, np.nan)
        se = values.std(axis=-1, ddof=1) / math.sqrt(n)
    return mean, np.where(np.isfinite(mean), se, np.nan)


class Moments:
    """Count, mean and sum of squared deviations per metric (finite values; no infinities expected).

    Merged by the pairwise update of Chan, Golub and LeVeque (as GenerationStatistics merges blocks):
    absorbed replicates are held here once and join every later generation at no per-generation cost.
    """

    def __init__(self, metrics):
        self.n = 0
        self.mean = np.zeros(metrics)
        self.m2 = np.zeros(metrics)

    def add(self, values):
        """Adds the columns of values (metrics x k)."""
        k = values.shape[1]
        if k == 0:
            return
        mean_b = values.mean(axis=1)
        m2_b = ((values - mean_b[:, None]) ** 2).sum(axis=1)
        self.mean, self.m2, self.n = merge(self.n, self.mean, self.m2, k, mean_b, m2_b)


def merge(na, mean_a, m2_a, nb, mean_b, m2_b):
    """Chan et al.'s pairwise update: the moments of the union of two groups."""
    n = na + nb
    if nb == 0:
        return mean_a, m2_a, na
    if na == 0:
        return mean_b, m2_b, nb
    d = mean_b - mean_a
    return mean_a + d * (nb / n), m2_a + m2_b + d * d * (na * nb / n), n


def java_double(x):
    """A float as Java's Double.toString writes it (shortest repr; scientific below 1e-3 and from 1e7)."""
    if x != x:
        return "NaN"
    if x == math.inf:
        return "Infinity"
    if x == -math.inf:
        return "-Infinity"
    if x == 0:
        return "-0.0" if math.copysign(1, x) < 0 else "0.0"
    a = abs(x)
    r = repr(float(x))
    if 1e-3 <= a < 1e7:
        if "e" in r or "E" in r:  # not reached for doubles in this range, kept for safety
            r = np.format_float_positional(x, unique=True, trim="0")
        return r
    if "e" not in r:
        r = np.format_float_scientific(x, unique=True, trim="0", exp_digits=1)
    mantissa, exponent = r.split("e")
    if "." not in mantissa:
        mantissa += ".0"
    return mantissa + "E" + str(int(exponent))


# Fields of a row written by str() that Java writes otherwise: scientific notation, infinities and
# NaN, and the magnitudes where the two switch notation differently ([1e-4, 1e-3) and [1e7, 1e16)).
_NOT_JAVA = re.compile(r"(?<![^,])(-?(?:\d(?:\.\d+)?e[+-]\d+|inf|nan|0\.000[1-9]\d*|\d{8,}\.\d+))(?![^,])")


class _Texts(dict):
    """str of a float, remembered: replicates.csv repeats a few values (the absorbed states') many times."""

    def __missing__(self, x):
        t = self[x] = str(x)
        return t


def write_csv(path, header, lead, values):
    """Writes rows with CRLF line ends: row i is lead[i] (ints and strings) then values[i] (a float
    array, rows x columns) as Java's Double.toString writes them.

    The fields are plain (no commas or quotes), so a row is joined directly. str(float) is the
    shortest repr, as Java's Double.toString, and only the fields _NOT_JAVA matches are rewritten,
    in the rows that can hold one (a row with a value of magnitude 1e7 or more, or with an "e", an
    "n" or "0.000" in its text).
    """
    def fix(match):
        return java_double(float(match.group(1)))

    text = _Texts()
    values = values + 0.0  # no negative zeros (the metrics are clipped at 0, as Math.max(0, x) clips)
    with np.errstate(invalid="ignore"):
        big = ~(np.abs(values) < 1e7).all(axis=1) if values.size else np.zeros(len(lead), dtype=bool)
    with open(path, "w", newline="") as f:
        f.write(",".join(header) + "\r\n")
        lines = []
        for first, rest, b in zip(lead, values.tolist(), big.tolist()):
            line = ",".join(map(str, first)) + "," + ",".join(map(text.__getitem__, rest)) if rest else ",".join(map(str, first))
            if b or "e" in line or "n" in line or "0.000" in line:
                line = _NOT_JAVA.sub(fix, line)
            lines.append(line)
        f.write("\r\n".join(lines))
        if lines:
            f.write("\r\n")


def write_summary(path, names, means, ses, counts):
    """summary.csv: means and ses are (generations, metrics), counts the replicates per generation."""
    header = ["generation", "replicates"]
    for m in names:
        header += [m + "_mean", m + "_se"]
    inter = np.empty((means.shape[0], 2 * means.shape[1]))
    inter[:, 0::2] = means
    inter[:, 1::2] = ses
    write_csv(path, header, [[g, int(counts[g])] for g in range(means.shape[0])], inter)


def write_checkpoints(path, names, table):
    """checkpoints.csv: table is a list of (generation, (metrics x levels) quantiles)."""
    header = ["generation", "metric"] + ["q%d" % round(100 * lv) for lv in QUANTILE_LEVELS]
    lead = [[g, name] for g, _ in table for name in names]
    values = np.concatenate([q for _, q in table]) if table else np.empty((0, len(QUANTILE_LEVELS)))
    write_csv(path, header, lead, values)


def write_replicates(path, names, absorbed_at, absorbing_state, last_generation, finals):
    """replicates.csv: finals is (metrics x replicates); absorbed_at and absorbing_state are -1 when not absorbed."""
    header = ["replicate", "absorbed_at", "absorbing_state", "last_generation"] + ["final_" + m for m in names]
    lead = [[r, a if a >= 0 else "", s if s >= 0 else "", g]
            for r, (a, s, g) in enumerate(zip(absorbed_at.tolist(), absorbing_state.tolist(), last_generation.tolist()))]
    write_csv(path, header, lead, np.ascontiguousarray(finals.T))


def write_manifest(path, model, parameters, seed, timing, check, **extra):
    manifest = {
        "tool": "numpy-reference",
        "script": os.path.relpath(sys.argv[0]),
        "parameters": dict(model=model, **parameters),
        "seed": seed,
        **extra,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "bit_generator": "PCG64",
        "timing": timing,
        "check": check,
        "files": sorted(os.listdir(os.path.dirname(path) or ".") + [os.path.basename(path)]),
    }
    with open(path, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


def parser(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--samples", type=int, required=True, help="sample size M per generation")
    p.add_argument("--replicates", type=int, default=100, help="independent replicates R (default: 100)")
    p.add_argument("--seed", type=int, default=None, help="seed of np.random.default_rng (default: drawn and printed)")
    p.add_argument("--out", default=None, help="output folder for summary.csv, checkpoints.csv, replicates.csv, manifest.json")
    p.add_argument("--mode", choices=["exact"], default="exact", help="only exact (sufficient statistics)")
    p.add_argument("--regime", choices=["replace"], default="replace", help="only replace")
    p.add_argument("--no-check", action="store_true", help="skip the self-check against closed forms")
    return p


def seed_of(args):
    if args.seed is None:
        args.seed = int(np.random.SeedSequence().entropy % (1 << 63))
        print("seed %d" % args.seed)
    return args.seed


class Timer:
    """Wall and CPU (user + sys of this process) seconds of a phase."""

    def __enter__(self):
        self.wall0, self.cpu0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall0
        self.cpu = time.process_time() - self.cpu0


def critical_z(checks):
    """z with two-sided false-alarm rate FAMILY_ALPHA over `checks` checks (Bonferroni)."""
    return statistics.NormalDist().inv_cdf(1 - FAMILY_ALPHA / (2 * max(1, checks)))


class Checks:
    """Rows |observed - expected| <= z SE, z Bonferroni-corrected over all rows of the script."""

    def __init__(self):
        self.rows = []

    def add(self, name, observed, expected, se):
        self.rows.append((name, float(observed), float(expected), float(se)))

    def verdict(self, seed):
        """Prints every failed row and one summary line; returns the exit status (0 ok, 1 failed)."""
        if not self.rows:
            print("check: none applies (no closed form for these settings)")
            return 0
        z = critical_z(len(self.rows))
        failed = []
        worst = 0.0
        for name, obs, exp, se in self.rows:
            score = abs(obs - exp) / se if se > 0 else (0.0 if obs == exp else math.inf)
            worst = max(worst, score)
            if not score <= z:
                failed.append("%s: observed %.6g, expected %.6g, SE %.3g, |z| %.2f > %.2f" % (name, obs, exp, se, score, z))
        summary = "%d closed-form rows, |z| <= %.2f (family-wise false-alarm rate %g), largest |z| %.2f, seed %d" % (
            len(self.rows), z, FAMILY_ALPHA, worst, seed)
        if failed:
            for f in failed:
                print("check failed: " + f)
            print("check: FAILED (%d of %s)" % (len(failed), summary))
            return 1
        print("check: ok (%s)" % summary)
        return 0

    def as_dict(self):
        return [dict(name=n, observed=o, expected=e, se=s) for n, o, e, s in self.rows]


def digamma(x):
    """psi(x) for x > 0: recurrence up to x >= 20, then the asymptotic series (error below 1e-15)."""
    result = 0.0
    while x < 20:
        result -= 1 / x
        x += 1
    inv2 = 1 / (x * x)
    series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132)))))
    return result + math.log(x) - 0.5 / x - series


def out_folder(args, default):
    out = args.out or default
    os.makedirs(out, exist_ok=True)
    for name in ("summary.csv", "checkpoints.csv", "replicates.csv", "manifest.json"):
        if os.path.exists(os.path.join(out, name)):
            os.remove(os.path.join(out, name))
    return out
