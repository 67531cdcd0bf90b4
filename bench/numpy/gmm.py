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

import gmm_common
from gmm_common import names

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


if __name__ == "__main__":
    sys.exit(gmm_common.main("scikit-learn reference of collapse gmm: replace, p_0 = N(0, I), full covariances, k-means init.",
                             simulate, "sklearn-out", sklearn=sklearn.__version__))
