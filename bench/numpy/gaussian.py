#!/usr/bin/env python3
"""NumPy reference implementation of `collapse gaussian` (replace regime, exact mode, unbiased
estimator, Sigma_0 = I, mu_0 = 0).

The same work as the CLI's exact mode (engine/.../gaussian/GaussianChain.java), vectorised over
replicates: the model of every replicate is mu (R x d) and a lower factor L (R x d x d), Sigma = L L^T.
Each generation draws, for all replicates at once,
  zbar ~ N(0, I/M)                                 mu <- mu + L zbar
  A, the Bartlett factor of Wishart_d(M - 1, I)    L  <- L A / sqrt(M - 1)
(A lower triangular, A_jj = sqrt(chi2(M - 1 - j)) for j = 0..d-1, N(0, 1) below the diagonal: one
chisquare and one standard_normal call per generation), and measures (GaussianMetrics.java)
mean_sq_distance ||mu - mu_0||^2, trace tr Sigma, log_det 2 sum ln|L_jj|, min_eigenvalue and
max_eigenvalue of Sigma = L L^T (a batched np.linalg.eigvalsh of the R x d x d stack, values below
0 shown as 0), w2_squared = ||mu||^2 + tr Sigma + d - 2 sum sqrt(eig) (W2^2 to N(0, I)), and rank
(the non-zero diagonal entries of L). Writes summary.csv, checkpoints.csv, replicates.csv and
manifest.json, then checks itself against N3, N4 and E tr Sigma_n = tr Sigma_0 (docs/theory.md).

Unlike the CLI, the factor is carried in plain doubles, without a separate binary exponent: the
standard workloads stay far inside the range of doubles (at d = 32, M = 1000, 1000 generations the
smallest eigenvalue is about 1e-14), which a NumPy user would not guard against.

Usage: gaussian.py --dim d --samples M [--generations G] [--replicates R] [--seed S] [--out DIR]
"""
import math
import sys

import numpy as np

import common

NAMES = ["mean_sq_distance", "trace", "log_det", "min_eigenvalue", "max_eigenvalue", "w2_squared", "rank"]
DIST, TRACE, LOG_DET, MIN_EIG, MAX_EIG, W2, RANK = range(7)


def measure(mu, lower, sigma, d, out):
    """The metrics of every replicate into out (7 x R, Modified); sigma (R x d x d) receives L L^T."""
    r = mu.shape[0]
    np.einsum("ri,ri->r", mu, mu, out=out[DIST])
    np.matmul(lower, lower.transpose(0, 2, 1), out=sigma)
    sigma.reshape(r, d * d)[:, ::d + 1].sum(axis=1, out=out[TRACE])
    diag = lower.reshape(r, d * d)[:, ::d + 1]
    with np.errstate(divide="ignore"):
        np.log(np.abs(diag)).sum(axis=1, out=out[LOG_DET])
    out[LOG_DET] *= 2
    out[RANK] = np.count_nonzero(diag, axis=1)
    eig = np.linalg.eigvalsh(sigma)  # ascending
    np.maximum(eig, 0, out=eig)
    out[MIN_EIG] = eig[:, 0]
    out[MAX_EIG] = eig[:, -1]
    np.sqrt(eig, out=eig)
    # W2^2 to N(0, I) = ||mu||^2 + tr Sigma + d - 2 tr Sigma^(1/2).
    np.add(out[DIST], out[TRACE], out=out[W2])
    out[W2] += d
    out[W2] -= 2 * eig.sum(axis=1)
    np.maximum(out[W2], 0, out=out[W2])


def simulate(d, m, g_last, r, rng):
    divisor = m - 1
    mu = np.zeros((r, d))
    lower = np.zeros((r, d, d))
    lower.reshape(r, d * d)[:, ::d + 1] = 1.0  # L_0 = I
    nxt = np.empty_like(lower)
    a = np.zeros((r, d, d))
    a_flat = a.reshape(r, d * d)
    below = np.flatnonzero(np.tri(d, d, -1, dtype=bool))  # flat indices of the strictly lower entries
    df = (m - 1) - np.arange(d)  # A_jj^2 ~ chi2(M - 1 - j)
    # M - 1 < d: the singular Wishart, whose Bartlett factor has zero columns j >= M - 1.
    rank_deficient = df <= 0
    zero_below = (below % d) >= m - 1
    df = np.maximum(df, 1)
    sigma = np.empty((r, d, d))
    shift = np.empty((r, d, 1))
    met = np.empty((7, r))
    checkpoint_set = set(common.checkpoints(g_last))
    means, ses, table = [], [], []

    def record(g):
        mean, se = common.mean_and_se(met)
        means.append(mean)
        ses.append(se)
        if g in checkpoint_set:
            table.append((g, common.quantiles(met)))

    measure(mu, lower, sigma, d, met)
    record(0)
    scale = 1 / math.sqrt(divisor)
    for g in range(1, g_last + 1):
        zbar = rng.standard_normal((r, d))
        zbar *= 1 / math.sqrt(m)
        np.matmul(lower, zbar[:, :, None], out=shift)
        mu += shift[:, :, 0]
        diag = rng.chisquare(df, size=(r, d))
        diag *= 1 / divisor
        np.sqrt(diag, out=diag)
        if rank_deficient.any():
            diag[:, rank_deficient] = 0
        a_flat[:, ::d + 1] = diag
        if below.size:
            z = rng.standard_normal((r, below.size))
            z *= scale
            if rank_deficient.any():
                z[:, zero_below] = 0
            a_flat[:, below] = z
        np.matmul(lower, a, out=nxt)  # L A / sqrt(M - 1): A's entries are already scaled
        lower, nxt = nxt, lower
        measure(mu, lower, sigma, d, met)
        record(g)
    return dict(means=np.array(means), ses=np.array(ses), table=table, finals=met.copy(), steps=r * g_last)


def self_check(args, res, checks):
    d, m, r = args.dim, args.samples, args.replicates
    means, ses = res["means"], res["ses"]
    for g in common.checkpoints(args.generations)[1:]:
        # N4: E ln det Sigma_n = n sum_i [psi((M - i)/2) + ln(2/(M - 1))] (ln det Sigma_0 = 0).
        if m - 1 >= d:
            expected = g * sum(common.digamma((m - i) / 2) + math.log(2 / (m - 1)) for i in range(1, d + 1))
            checks.add("N4 ln det n=%d" % g, means[g, LOG_DET], expected, ses[g, LOG_DET])
        # N3 and E tr Sigma_n = d only while their variance is moderate: Var sigma_n^2 grows like
        # (1 + 2/(M-1))^n (N8), and past n ~ (M-1)/2 the sample mean is dominated by rare large
        # values and its SE estimate is unreliable.
        if g <= (m - 1) / 2:
            checks.add("N3 ||mu - mu_0||^2 n=%d" % g, means[g, DIST], g * d / m, ses[g, DIST])
            checks.add("E tr Sigma n=%d" % g, means[g, TRACE], d, ses[g, TRACE])


def main():
    p = common.parser("NumPy reference of collapse gaussian: replace, exact mode, unbiased estimator, N(0, I) start.")
    p.add_argument("--dim", type=int, default=2, help="dimension d (default: 2)")
    p.add_argument("--generations", type=int, default=100, help="generations (default: 100)")
    p.add_argument("--estimator", choices=["unbiased"], default="unbiased", help="only unbiased (divide by M - 1)")
    p.add_argument("--cov", choices=["identity"], default="identity", help="only identity")
    args = p.parse_args()
    if args.dim < 1 or args.samples < 2 or args.replicates < 1 or args.generations < 0:
        p.error("need --dim >= 1, --samples >= 2, --replicates >= 1, --generations >= 0")
    seed = common.seed_of(args)
    rng = np.random.default_rng(seed)
    out = common.out_folder(args, "numpy-out")

    with common.Timer() as run:
        res = simulate(args.dim, args.samples, args.generations, args.replicates, rng)
    r, g_last = args.replicates, args.generations
    none = np.full(r, -1)
    with common.Timer() as files:
        common.write_summary(out + "/summary.csv", NAMES, res["means"], res["ses"], np.full(g_last + 1, r))
        common.write_checkpoints(out + "/checkpoints.csv", NAMES, res["table"])
        common.write_replicates(out + "/replicates.csv", NAMES, none, none, np.full(r, g_last), res["finals"])
    checks = common.Checks()
    status = 0
    timing = dict(wall_seconds=run.wall, cpu_seconds=run.cpu, output_seconds=files.wall, replicate_generations=res["steps"],
                  replicate_generations_per_cpu_second=res["steps"] / run.cpu if run.cpu > 0 else None)
    if not args.no_check:
        with common.Timer() as check_time:
            self_check(args, res, checks)
        status = checks.verdict(seed)
        timing["check_seconds"] = check_time.wall
    params = dict(dim=args.dim, mean="0", cov="identity", samples=args.samples, regime="replace", estimator="unbiased",
                  mode="exact", generations=g_last, replicates=r)
    common.write_manifest(out + "/manifest.json", "gaussian", params, seed, timing, checks.as_dict(), generations_reported=g_last)
    print("%d replicate-generations in %.2f s wall (%.3g per CPU second); wrote %s"
          % (res["steps"], run.wall, timing["replicate_generations_per_cpu_second"] or 0, out))
    return status


if __name__ == "__main__":
    sys.exit(main())
