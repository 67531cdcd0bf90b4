#!/usr/bin/env python3
"""scikit-learn reference implementation of `collapse kde`: Gaussian kernel density estimates refitted
on their own samples (Kazdan et al. 2024, arXiv 2410.16713), p_0 = N(0, I_d).

The code a researcher writes for the paper's experiment: a loop over replicates and generations (no
batched fit in scikit-learn). Per replicate: H held-out points from p_0 (the distribution of the
training data) and D_0 = M points from p_0; generation 0 is p_0 itself; generation t >= 1 fits
`sklearn.neighbors.KernelDensity(kernel="gaussian", bandwidth=h)` to the data (replace: the last M
points drawn; accumulate: D_0 and every generation's draws so far) and draws the next M points with
`kde.sample(M, random_state=...)`. It measures, in the CLI's order: heldout_nll
-mean(kde.score_samples(heldout)) (at generation 0 the exact N(0, I) density), data_variance the mean
over coordinates of the biased variance (np.var, ddof=0) of the fitted centres (1 at generation 0),
mean_sq_distance ||mean of the centres||^2 (0 at generation 0) and bandwidth, the fit's bandwidth_.
--bandwidth takes a number or scikit-learn's rules "scott" and "silverman". Writes summary.csv,
checkpoints.csv, replicates.csv and manifest.json as the CLI writes them (common.py).

Random numbers: one np.random.default_rng (PCG64) per replicate, from SeedSequence(seed).spawn(R),
draws the held-out points and D_0; KernelDensity.sample takes a RandomState or an int, so every
generation's sample gets random_state = an int drawn from that generator (MT19937 inside sample).

Self-check (replace, a fixed numeric h; SPEC §6 K1, S_t the per-coordinate biased variance of D_t,
data_variance_g = S_(g-1) averaged over the coordinates):
- generation 1: E data_variance = 1 - 1/M, with the exact SE of a normal sample's biased variance,
  sqrt(2 (M - 1) / (M^2 d R)) (the coordinates of D_0 are independent);
- K1 in its one-step form E[S_(t+1) | S_t] = (1 - 1/M)(S_t + h^2): data_variance_(g+1) - (1 - 1/M)
  (data_variance_g + h^2) is a martingale difference, so its mean over all R x (G - 1) steps is 0
  with an SE from the sum of its squares: valid even at R = 2, where an SE estimated from R values is not;
- E data_variance_g = E S_(g-1) with E S_0 = 1 - 1/M, E S_t = (M - 1) h^2 + (1 - 1/M)^t (E S_0 - (M - 1) h^2),
  at every checkpoint with the SE over replicates, when R >= 30 (below that the z rule with an SE
  from R - 1 degrees of freedom raises false alarms far above FAMILY_ALPHA).
All rows share common.py's |observed - expected| <= z SE with z Bonferroni-corrected over the rows.

Usage: kde.py [--dim d] [--samples M] [--bandwidth h|scott|silverman] [--heldout H] [--generations G]
              [--replicates R] [--seed S] [--regime replace|accumulate] [--out DIR]
"""
import math
import sys

import numpy as np

import common

try:
    import sklearn
    from sklearn.neighbors import KernelDensity
except ImportError:
    sys.exit("kde.py needs scikit-learn: install Debian's python3-sklearn (apt-get install python3-sklearn) "
             "and run it with /usr/bin/python3")

NAMES = ["heldout_nll", "data_variance", "mean_sq_distance", "bandwidth"]
NLL, VARIANCE, DIST, BANDWIDTH = range(4)
# The rows below which the checkpoints' closed-form rows, with an SE over replicates, are left out.
MIN_REPLICATES_FOR_SE = 30


def bandwidth_of(text):
    """A number, or scikit-learn's rule name ("scott", "silverman")."""
    if text in ("scott", "silverman"):
        return text
    h = float(text)
    if not (h > 0 and math.isfinite(h)):
        raise ValueError("bandwidth must be a positive number, scott or silverman, not " + text)
    return h


def simulate(args, seed):
    d, m, g_last, r, n_held = args.dim, args.samples, args.generations, args.replicates, args.heldout
    values = np.empty((g_last + 1, len(NAMES), r))
    for rep, ss in enumerate(np.random.SeedSequence(seed).spawn(r)):
        rng = np.random.default_rng(ss)
        heldout = rng.standard_normal((n_held, d))
        data = rng.standard_normal((m, d))
        log_p0 = -0.5 * d * math.log(2 * math.pi) - 0.5 * (heldout * heldout).sum(axis=1)
        values[0, :, rep] = (-log_p0.mean(), 1.0, 0.0, args.bandwidth if isinstance(args.bandwidth, float) else math.nan)
        pool = [data]
        for g in range(1, g_last + 1):
            centres = data if args.regime == "replace" else np.vstack(pool)
            kde = KernelDensity(kernel="gaussian", bandwidth=args.bandwidth).fit(centres)
            mean = centres.mean(axis=0)
            values[g, :, rep] = (-kde.score_samples(heldout).mean(), np.var(centres, axis=0).mean(), mean @ mean,
                                 kde.bandwidth_)
            data = kde.sample(m, random_state=int(rng.integers(2 ** 32)))
            pool.append(data)
    return dict(values=values, steps=r * g_last)


def self_check(args, res, checks):
    d, m, g_last, r = args.dim, args.samples, args.generations, args.replicates
    if args.regime != "replace" or not isinstance(args.bandwidth, float) or g_last < 1:
        return  # K1 is for replace with a fixed bandwidth
    h2 = args.bandwidth ** 2
    values = res["values"]
    shrink = 1 - 1 / m
    checks.add("generation 1 data_variance = 1 - 1/M (exact SE)", values[1, VARIANCE].mean(), shrink,
               math.sqrt(2 * (m - 1) / (m * m * d * r)))
    if g_last >= 2:
        v = values[1:, VARIANCE, :]
        centred = v[1:] - shrink * (v[:-1] + h2)
        n = centred.size
        checks.add("K1 one step: S_(t+1) - (1 - 1/M)(S_t + h^2), mean over %d steps = 0" % n,
                   centred.mean(), 0.0, math.sqrt((centred * centred).sum()) / n)
    if r >= MIN_REPLICATES_FOR_SE:
        means, ses = common.mean_and_se(values)
        fixed_point = (m - 1) * h2
        for g in common.checkpoints(g_last)[1:]:
            expected = fixed_point + shrink ** (g - 1) * (shrink - fixed_point)
            checks.add("K1 E data_variance g=%d" % g, means[g, VARIANCE], expected, ses[g, VARIANCE])


def main():
    p = common.parser("scikit-learn reference of collapse kde: Gaussian KDE refitted on its own samples, p_0 = N(0, I).")
    p.add_argument("--dim", type=int, default=2, help="dimension d (default: 2)")
    p.add_argument("--generations", type=int, default=100, help="generations (default: 100)")
    p.add_argument("--bandwidth", type=bandwidth_of, default=0.1, help="kernel bandwidth h, or scott or silverman (default: 0.1)")
    p.add_argument("--heldout", type=int, default=1000, help="held-out points of p_0 per replicate (default: 1000)")
    for action in p._actions:
        if action.dest == "samples":
            action.required, action.default, action.help = False, 1000, "points M per generation (default: 1000)"
        elif action.dest == "regime":
            action.choices = ["replace", "accumulate"]
        elif action.dest == "mode":
            action.choices, action.default = ["samples", "auto"], "auto"
            action.help = "recorded only: the points are always drawn"
    args = p.parse_args()
    if args.dim < 1 or args.samples < 2 or args.replicates < 1 or args.generations < 0 or args.heldout < 1:
        p.error("need --dim >= 1, --samples >= 2, --replicates >= 1, --generations >= 0, --heldout >= 1")
    seed = common.seed_of(args)
    out = common.out_folder(args, "sklearn-out")

    with common.Timer() as run:
        res = simulate(args, seed)
    values, g_last, r = res["values"], args.generations, args.replicates
    means, ses = common.mean_and_se(values)
    table = [(g, common.quantiles(values[g])) for g in common.checkpoints(g_last)]
    none = np.full(r, -1)
    with common.Timer() as files:
        common.write_summary(out + "/summary.csv", NAMES, means, ses, np.full(g_last + 1, r))
        common.write_checkpoints(out + "/checkpoints.csv", NAMES, table)
        common.write_replicates(out + "/replicates.csv", NAMES, none, none, np.full(r, g_last), values[g_last])
    checks = common.Checks()
    status = 0
    timing = dict(wall_seconds=run.wall, cpu_seconds=run.cpu, output_seconds=files.wall, replicate_generations=res["steps"],
                  replicate_generations_per_cpu_second=res["steps"] / run.cpu if run.cpu > 0 else None)
    if not args.no_check:
        with common.Timer() as check_time:
            self_check(args, res, checks)
        status = checks.verdict(seed)
        timing["check_seconds"] = check_time.wall
    params = dict(dim=args.dim, kernel="gaussian", bandwidth=args.bandwidth, samples=args.samples, heldout=args.heldout,
                  regime=args.regime, mode=args.mode, generations=g_last, replicates=r)
    common.write_manifest(out + "/manifest.json", "kde", params, seed, timing, checks.as_dict(), sklearn=sklearn.__version__,
                          sampler="KernelDensity.sample, random_state = an int from the replicate's PCG64 generator (MT19937 inside)",
                          generations_reported=g_last)
    print("%d replicate-generations in %.2f s wall, %.2f s CPU (%.3g per CPU second); wrote %s"
          % (res["steps"], run.wall, run.cpu, timing["replicate_generations_per_cpu_second"] or 0, out))
    return status


if __name__ == "__main__":
    sys.exit(main())
