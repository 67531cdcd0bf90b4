#!/usr/bin/env python3
"""scikit-learn reference implementation of `collapse gmm` (replace regime, p_0 = N(0, I_d)).

The paper's procedure as its authors wrote it (Normals_GMM_experiments.ipynb): for each replicate, each
generation fits `GaussianMixture(n_components=k, covariance_type, tol, max_iter, reg_covar,
random_state)` (one k-means initialisation, fresh every generation) to the M points of the last
generation and draws the next M points with `sample`. Replicates are independent, so this is a loop
over replicates and generations: scikit-learn has no batched fit. Every generation measures what the
CLI measures (engine/.../gmm/MixtureMetrics.java): the squared L2 distances to p_0 and to generation 1's
fit (closed form: sum_ij a_i b_j N(mu_i - nu_j; 0, S_i + G_j)), the negative log-likelihood of H
held-out points of p_0, the components alive and their effective number exp(-sum w ln w), EM's
iterations and convergence, and per component (largest weight first) the weight, tr Sigma and
ln det Sigma. Writes summary.csv, checkpoints.csv, replicates.csv and manifest.json, then checks
itself: generation 1's held-out NLL is the entropy of N(0, I_d) plus the fit's excess, p / (2 M) for
p free parameters (the asymptotic expectation of a maximum-likelihood fit's held-out log-loss;
an approximation, so its size is added to the tolerance).

Usage: gmm.py [--dim d] [--components k] --samples M [--generations G] [--replicates R] [--seed S] [--out DIR]
"""
import math
import sys

import numpy as np

import common
from gmm_numpy import names

try:
    import sklearn
    from sklearn.mixture import GaussianMixture
except ImportError:
    sys.exit("gmm.py needs scikit-learn: install Debian's python3-sklearn (apt-get install python3-sklearn) "
             "and run it with /usr/bin/python3")


def overlap(a, b):
    """Integral of f g for mixtures a, b = (weights, means, covariances): sum_ij a_i b_j N(mu_i - nu_j; 0, S_i + G_j)."""
    wa, ma, ca = a
    wb, mb, cb = b
    d = ma.shape[1]
    total = 0.0
    for i in range(len(wa)):
        for j in range(len(wb)):
            s = ca[i] + cb[j]
            diff = ma[i] - mb[j]
            chol = np.linalg.cholesky(s)
            y = np.linalg.solve(chol, diff)
            log_pdf = -0.5 * d * math.log(2 * math.pi) - np.log(np.diag(chol)).sum() - 0.5 * y @ y
            total += wa[i] * wb[j] * math.exp(log_pdf)
    return total


def l2(a, b):
    return max(0.0, overlap(a, a) - 2 * overlap(a, b) + overlap(b, b))


def measure(params, original, first, heldout_nll, iterations, converged, k, out):
    w, mu, cov = params
    out[0] = l2(params, original)
    out[1] = l2(params, first) if first is not None else math.nan
    out[2] = heldout_nll
    out[3] = np.count_nonzero(w > 0)
    positive = w[w > 0]
    out[4] = math.exp(-(positive * np.log(positive)).sum())
    out[5] = iterations
    out[6] = converged
    order = np.argsort(-w, kind="stable")
    for c in range(k):
        if c < len(w):
            j = order[c]
            out[7 + c] = w[j]
            out[7 + k + c] = np.trace(cov[j])
            out[7 + 2 * k + c] = np.linalg.slogdet(cov[j])[1]
        else:
            out[7 + c], out[7 + k + c], out[7 + 2 * k + c] = 0.0, 0.0, -math.inf


def simulate(args, seed):
    d, k, m, g_last, r, h = args.dim, args.components, args.samples, args.generations, args.replicates, args.heldout
    metrics = len(names(k))
    values = np.empty((g_last + 1, metrics, r))
    original = (np.ones(1), np.zeros((1, d)), np.eye(d)[None, :, :])
    entropy = 0.5 * d * math.log(2 * math.pi * math.e)
    seeds = np.random.SeedSequence(seed).generate_state(r)
    for rep in range(r):
        rs = np.random.RandomState(seeds[rep])
        heldout = rs.standard_normal((h, d))
        log_p0 = -0.5 * d * math.log(2 * math.pi) - 0.5 * (heldout * heldout).sum(axis=1)
        measure(original, original, None, -log_p0.mean(), 0, math.nan, k, values[0, :, rep])
        x = rs.standard_normal((m, d))
        first = None
        for g in range(1, g_last + 1):
            gm = GaussianMixture(n_components=k, covariance_type="full", tol=args.tol, max_iter=args.max_iter,
                                 reg_covar=args.reg_covar, random_state=rs).fit(x)
            params = (gm.weights_, gm.means_, gm.covariances_)
            if first is None:
                first = params
            measure(params, original, first, -gm.score(heldout), gm.n_iter_, 1.0 if gm.converged_ else 0.0, k, values[g, :, rep])
            x = gm.sample(m)[0]
    return dict(values=values, steps=r * g_last, entropy=entropy)


def write_values_at(path, generations, values, k):
    """values_at.csv: every replicate's metrics at the given generations (one row per generation and replicate)."""
    header = ["generation", "replicate"] + names(k)
    lead = [[g, rep] for g in generations for rep in range(values.shape[2])]
    rows = np.concatenate([values[g].T for g in generations]) if generations else np.empty((0, len(names(k))))
    common.write_csv(path, header, lead, rows)


def main():
    p = common.parser("scikit-learn reference of collapse gmm: replace, p_0 = N(0, I), full covariances, k-means init.")
    p.add_argument("--dim", type=int, default=2, help="dimension d (default: 2)")
    p.add_argument("--components", type=int, default=2, help="components k (default: 2)")
    p.add_argument("--generations", type=int, default=100, help="generations (default: 100)")
    p.add_argument("--heldout", type=int, default=1000, help="held-out original points per replicate (default: 1000)")
    p.add_argument("--tol", type=float, default=1e-5)
    p.add_argument("--max-iter", type=int, default=2000)
    p.add_argument("--reg-covar", type=float, default=1e-6)
    p.add_argument("--values-at", default="", help="comma-separated generations whose per-replicate metrics go to values_at.csv")
    p.set_defaults(mode="samples")
    for action in p._actions:
        if action.dest == "mode":
            action.choices = ["samples", "auto"]
    args = p.parse_args()
    if args.components < 1 or args.samples < args.components or args.replicates < 1 or args.generations < 1:
        p.error("need --components >= 1, --samples >= --components, --replicates >= 1, --generations >= 1")
    seed = common.seed_of(args)
    out = common.out_folder(args, "sklearn-out")
    with common.Timer() as run:
        res = simulate(args, seed)
    values, g_last, r, k = res["values"], args.generations, args.replicates, args.components
    means, ses = common.mean_and_se(values)
    table = [(g, common.quantiles(values[g])) for g in common.checkpoints(g_last)]
    none = np.full(r, -1)
    with common.Timer() as files:
        common.write_summary(out + "/summary.csv", names(k), means, ses, np.full(g_last + 1, r))
        common.write_checkpoints(out + "/checkpoints.csv", names(k), table)
        common.write_replicates(out + "/replicates.csv", names(k), none, none, np.full(r, g_last), values[g_last])
        at = [int(g) for g in args.values_at.split(",") if g]
        if at:
            write_values_at(out + "/values_at.csv", at, values, k)
    checks = common.Checks()
    status = 0
    timing = dict(wall_seconds=run.wall, cpu_seconds=run.cpu, output_seconds=files.wall, replicate_generations=res["steps"],
                  replicate_generations_per_cpu_second=res["steps"] / run.cpu if run.cpu > 0 else None)
    if not args.no_check:
        free = k * (args.dim + args.dim * (args.dim + 1) / 2) + k - 1
        excess = free / (2 * args.samples)
        checks.add("generation 1 held-out NLL = entropy + p/(2M) (approx)", means[1, 2], res["entropy"] + excess, math.hypot(ses[1, 2], excess))
        status = checks.verdict(seed)
    params = dict(dim=args.dim, components=k, covariance_type="full", init="kmeans", tol=args.tol, max_iter=args.max_iter,
                  reg_covar=args.reg_covar, samples=args.samples, regime="replace", heldout=args.heldout, generations=g_last, replicates=r)
    common.write_manifest(out + "/manifest.json", "gmm", params, seed, timing, checks.as_dict(), sklearn=sklearn.__version__)
    print("%d replicate-generations in %.2f s wall (%.3g per CPU second); wrote %s"
          % (res["steps"], run.wall, timing["replicate_generations_per_cpu_second"] or 0, out))
    return status


if __name__ == "__main__":
    sys.exit(main())
