#!/usr/bin/env python3
"""NumPy reference implementation of `collapse regression`: linear regression refitted on its own
labels (Gerstgrasser et al. 2024, arXiv 2404.01413; Kazdan et al. 2024, arXiv 2410.16713), with
x ~ N(0, I_d), w* ~ N(0, I_d) per replicate and ordinary least squares.

The code a researcher writes for the papers' experiment: a loop over replicates and generations, one
np.linalg.lstsq per generation on the rows the regime assembles. Per replicate: w* ~ N(0, I_d); the
design X (T x d, rows N(0, I)) is drawn once (--design fixed) or every generation (fresh); generation 0
is w* itself; generation t >= 1 draws labels y = X w_(t-1) + sqrt(s2) eps (w_0 = w*, so the first fit
is on real labels) and fits w_t by lstsq on
  replace               this generation's T rows;
  accumulate            every generation's rows so far (np.vstack of the pool, refitted whole each
                        generation, as the papers' code does);
  accumulate-subsample  T rows drawn without replacement from that pool (this generation's included).
It measures what the CLI measures (engine/.../regression/RegressionMetric.java), in its order:
excess_risk ||w_t - w*||^2_Sigma, sq_distance ||w_t - w*||^2 (the same number here, Sigma = I; both
columns kept so the files match the CLI's) and step_norm ||w_t - w_(t-1)|| (0 at generation 0).
Writes summary.csv, checkpoints.csv, replicates.csv and manifest.json as the CLI writes them
(common.py). The CLI's exact mode draws the least-squares statistics instead of the rows: the same
distribution, so --mode is accepted and recorded, and this script always works on the rows.

Self-check (docs/theory.md, SPEC §6; B = s2 d / (T - d - 1) = E s2 tr (X^T X)^-1):
- R1 (replace) and R2 (accumulate, fixed design) in their one-step form: w_t = w_(t-1) + sqrt(s2) X^+ eps / k_t
  (k_t = 1 for replace, t for accumulate), so with C = (X^T X)^-1 both the squared step step_norm_t^2
  and the step of the excess risk, excess_t - excess_(t-1), have conditional mean s2 tr C / k_t^2
  given the past and the design (B for a fresh design under replace). Centred on it they are
  martingale differences, so their mean over all R x G steps is 0 with an SE from the sum of their
  squares: two rows (the squared step as a ratio to its mean, sharp; the excess-risk step, cross term
  2 <w_(t-1) - w*, step> included, weaker) that are valid even at R = 10, where an SE estimated from
  R values is not.
- fixed design: the mean over replicates of s2 tr C against B, with the exact variance of the trace of
  an inverse Wishart (so the two rows together give E excess_t = t B, or B sum_{i<=t} 1/i^2).
- the closed forms themselves, E excess_risk_t = t B (replace) and B sum_{i<=t} 1/i^2 (accumulate,
  fixed), at every checkpoint with the SE over replicates, when R >= 30 (below that the z rule with an
  SE from R - 1 degrees of freedom raises false alarms far above FAMILY_ALPHA).
All rows share common.py's |observed - expected| <= z SE with z Bonferroni-corrected over the rows.

Usage: regression.py [--dim d] [--samples T] [--generations G] [--replicates R] [--seed S]
                     [--noise-variance s2] [--design fixed|fresh] [--regime replace|accumulate|accumulate-subsample] [--out DIR]
"""
import math
import sys

import numpy as np

import common

NAMES = ["excess_risk", "sq_distance", "step_norm"]
EXCESS, SQ_DIST, STEP = range(3)
# The rows below which the checkpoints' closed-form rows, with an SE over replicates, are left out.
MIN_REPLICATES_FOR_SE = 30


def simulate(args, seed):
    d, t_rows, g_last, r, s2 = args.dim, args.samples, args.generations, args.replicates, args.noise_variance
    sigma = math.sqrt(s2)
    fixed = args.design == "fixed"
    values = np.zeros((g_last + 1, len(NAMES), r))
    designs = np.empty((r, t_rows, d)) if fixed else None  # kept for the self-check's tr (X^T X)^-1
    for rep, ss in enumerate(np.random.SeedSequence(seed).spawn(r)):
        rng = np.random.default_rng(ss)
        w_star = rng.standard_normal(d)
        X = rng.standard_normal((t_rows, d))
        if fixed:
            designs[rep] = X
        w = w_star.copy()
        pool_x, pool_y = [], []
        for g in range(1, g_last + 1):
            if not fixed and g > 1:
                X = rng.standard_normal((t_rows, d))
            y = X @ w + sigma * rng.standard_normal(t_rows)
            if args.regime == "replace":
                x_fit, y_fit = X, y
            else:
                pool_x.append(X)
                pool_y.append(y)
                x_fit, y_fit = np.vstack(pool_x), np.concatenate(pool_y)
                if args.regime == "accumulate-subsample":
                    keep = rng.choice(len(y_fit), size=t_rows, replace=False)
                    x_fit, y_fit = x_fit[keep], y_fit[keep]
            w_new = np.linalg.lstsq(x_fit, y_fit, rcond=None)[0]
            e = w_new - w_star
            values[g, EXCESS, rep] = e @ e
            values[g, SQ_DIST, rep] = e @ e
            values[g, STEP, rep] = np.linalg.norm(w_new - w)
            w = w_new
    return dict(values=values, steps=r * g_last, designs=designs)


def inverse_wishart_trace_variance(n, p):
    """Var tr W^-1 for W ~ Wishart_p(n, I): p Var (W^-1)_ii + p (p - 1) Cov((W^-1)_ii, (W^-1)_jj)."""
    a = n - p - 1
    var_ii = 2 / (a * a * (n - p - 3))
    cov = 2 / ((n - p) * a * a * (n - p - 3))
    return p * var_ii + p * (p - 1) * cov


def self_check(args, res, checks):
    d, t_rows, g_last, r, s2 = args.dim, args.samples, args.generations, args.replicates, args.noise_variance
    values = res["values"]
    if args.regime == "accumulate-subsample" or (args.regime == "accumulate" and args.design == "fresh"):
        return  # no closed form (R3 is an inequality)
    if t_rows < d + 4 or g_last < 1:
        return  # B, and the variance of tr C, need T >= d + 4
    b = s2 * d / (t_rows - d - 1)
    gens = np.arange(1, g_last + 1)
    k2 = np.ones(g_last) if args.regime == "replace" else gens.astype(float) ** 2
    steps = values[1:, EXCESS, :] - values[:-1, EXCESS, :]  # (G, R)
    if args.design == "fixed":
        grams = np.einsum("rti,rtj->rij", res["designs"], res["designs"])
        tr_c = s2 * np.trace(np.linalg.inv(grams), axis1=1, axis2=2)  # s2 tr (X^T X)^-1 per replicate
        drift = tr_c[None, :] / k2[:, None]
        var_tr = s2 * s2 * inverse_wishart_trace_variance(t_rows, d)
        checks.add("E s2 tr (X^T X)^-1 = B", tr_c.mean(), b, math.sqrt(var_tr / r))
    else:
        drift = np.full((g_last, 1), b)
    law = "R1 replace" if args.regime == "replace" else "R2 accumulate"
    n = steps.size
    # The squared step ||w_t - w_(t-1)||^2 = s2 ||X^+ eps||^2 / k_t^2 alone, as a ratio to its conditional
    # mean: independent steps of mean 0 (the sharp row: no cross term 2 <w_(t-1) - w*, step>).
    ratio = values[1:, STEP, :] ** 2 / drift - 1
    checks.add("%s: step_norm^2 / (s2 tr C / k_t^2) - 1, mean over %d steps = 0" % (law, n),
               ratio.mean(), 0.0, math.sqrt((ratio * ratio).sum()) / n)
    # The step of the excess risk, cross term included: its mean is the squared step's, so the excess
    # risk adds up the expected squared steps (t B, or B sum 1/i^2).
    centred = steps - drift
    checks.add("%s: step of excess risk - s2 tr C / k_t^2, mean over %d steps = 0" % (law, n),
               centred.mean(), 0.0, math.sqrt((centred * centred).sum()) / n)
    if r >= MIN_REPLICATES_FOR_SE:
        means, ses = common.mean_and_se(values)
        harmonic2 = np.cumsum(1 / gens.astype(float) ** 2)
        for g in common.checkpoints(g_last)[1:]:
            expected = g * b if args.regime == "replace" else b * harmonic2[g - 1]
            checks.add("%s E excess_risk t=%d" % (law, g), means[g, EXCESS], expected, ses[g, EXCESS])


def main():
    p = common.parser("NumPy reference of collapse regression: OLS refitted on its own labels, x ~ N(0, I), w* ~ N(0, I).")
    p.add_argument("--dim", type=int, default=10, help="features d (default: 10)")
    p.add_argument("--generations", type=int, default=100, help="generations (default: 100)")
    p.add_argument("--noise-variance", type=float, default=1.0, help="label noise variance s2 (default: 1)")
    p.add_argument("--design", choices=["fixed", "fresh"], default="fixed", help="the same rows every generation, or fresh ones (default: fixed)")
    for action in p._actions:
        if action.dest == "samples":
            action.required, action.default, action.help = False, 1000, "rows T per generation (default: 1000)"
        elif action.dest == "regime":
            action.choices = ["replace", "accumulate", "accumulate-subsample"]
        elif action.dest == "mode":
            action.choices, action.default = ["exact", "samples", "auto"], "auto"
            action.help = "recorded only: this script always fits the rows (the CLI's exact mode draws the same statistics)"
    args = p.parse_args()
    if args.dim < 1 or args.samples < args.dim or args.replicates < 1 or args.generations < 0 or not args.noise_variance >= 0:
        p.error("need --dim >= 1, --samples >= --dim, --replicates >= 1, --generations >= 0, --noise-variance >= 0")
    seed = common.seed_of(args)
    out = common.out_folder(args, "numpy-out")

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
    params = dict(dim=args.dim, samples=args.samples, design=args.design, noise_variance=args.noise_variance, ridge=0.0,
                  true_weights="drawn N(0, I)", design_covariance="identity", regime=args.regime, mode=args.mode,
                  generations=g_last, replicates=r)
    common.write_manifest(out + "/manifest.json", "regression", params, seed, timing, checks.as_dict(),
                          fit="numpy.linalg.lstsq per generation", generations_reported=g_last)
    print("%d replicate-generations in %.2f s wall, %.2f s CPU (%.3g per CPU second); wrote %s"
          % (res["steps"], run.wall, run.cpu, timing["replicate_generations_per_cpu_second"] or 0, out))
    return status


if __name__ == "__main__":
    sys.exit(main())
