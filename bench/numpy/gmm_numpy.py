#!/usr/bin/env python3
"""NumPy reference implementation of `collapse gmm` (replace regime, p_0 = N(0, I_d), full covariances):
EM written by hand and vectorised over replicates, the way a NumPy user would batch the paper's
experiment instead of looping over scikit-learn fits (bench/numpy/gmm.py).

The same algorithm as the CLI's (engine/.../gmm/ExpectationMaximisation.java, KMeans.java), which is
scikit-learn's: k-means initialisation (k-means++ seeding with 2 + floor(ln k) candidates, then Lloyd's
iterations until the labels repeat or the centres' squared shift is <= 1e-4 times the mean coordinate
variance, at most 300), then EM iterations (E-step by log-sum-exp over Cholesky log-densities, M-step
with n_j = sum r_ij + 10 eps and Sigma_j + reg I) until the mean log-likelihood changes by less than tol,
at most max_iter. All replicates iterate together; a replicate that has converged keeps its parameters
while the others go on. Empty k-means clusters keep their centre (rare at these sizes; the CLI relocates
them as scikit-learn does). Sampling as GaussianMixture.sample: a component per point by its weight,
then mu_j + L_j z. The metrics are the CLI's (MixtureMetrics.java), batched. Writes summary.csv,
checkpoints.csv, replicates.csv and manifest.json, then checks itself as gmm.py does (generation 1's
held-out NLL = entropy + p/(2M), approximately).

Usage: gmm_numpy.py [--dim d] [--components k] --samples M [--generations G] [--replicates R] [--seed S] [--out DIR]
"""
import math
import sys

import numpy as np

import gmm_common
from gmm_common import names

TEN_EPS = 10 * np.finfo(float).eps


def log_gauss(x, mu, chol):
    """ln N(x; mu_j, L_j L_j^T) for x (R, n, d), mu (R, k, d), chol (R, k, d, d) lower: (R, n, k).

    Through the Cholesky factor of the precision, as scikit-learn computes it: P_j = L_j^-T (one batched
    inverse of the k small factors), y = (x - mu_j) P_j, ln N = -d/2 ln 2 pi + sum ln diag P_j - |y|^2 / 2.
    """
    d = x.shape[-1]
    prec = np.swapaxes(np.linalg.inv(chol), -1, -2)                           # (R, k, d, d), upper
    y = np.einsum("rnd,rkde->rnke", x, prec) - np.einsum("rkd,rkde->rke", mu, prec)[:, None]
    log_det = np.log(np.diagonal(prec, axis1=-2, axis2=-1)).sum(-1)          # (R, k)
    return -0.5 * d * math.log(2 * math.pi) + log_det[:, None, :] - 0.5 * (y * y).sum(-1)


def m_step(x, resp, reg):
    """Weights, means and lower Cholesky factors from responsibilities (R, n, k)."""
    d = x.shape[-1]
    nk = resp.sum(1) + TEN_EPS                                                # (R, k)
    mu = np.einsum("rnk,rnd->rkd", resp, x) / nk[..., None]
    diff = x[:, :, None, :] - mu[:, None, :, :]
    cov = np.einsum("rnk,rnkd,rnke->rkde", resp, diff, diff) / nk[..., None, None]
    cov += reg * np.eye(d)
    return nk / nk.sum(1, keepdims=True), mu, np.linalg.cholesky(cov)


def kmeans_labels(x, k, rng):
    """k-means++ seeding, then Lloyd's iterations, batched over replicates: labels (R, n)."""
    r, n, d = x.shape
    rows = np.arange(r)
    trials = 2 + int(math.log(k))
    centres = np.empty((r, k, d))
    first = rng.integers(0, n, r)
    centres[:, 0] = x[rows, first]
    closest = ((x - centres[:, :1]) ** 2).sum(-1)                             # (R, n)
    pot = closest.sum(1)
    for c in range(1, k):
        cum = np.cumsum(closest, 1)
        u = rng.random((r, trials)) * pot[:, None]
        cand = np.minimum((cum[:, None, :] < u[:, :, None]).sum(-1), n - 1)   # searchsorted, side left
        dist = ((x[:, None, :, :] - x[rows[:, None], cand][:, :, None, :]) ** 2).sum(-1)  # (R, trials, n)
        new = np.minimum(closest[:, None, :], dist)
        pots = new.sum(-1)
        best = pots.argmin(1)
        closest = new[rows, best]
        pot = pots[rows, best]
        centres[:, c] = x[rows, cand[rows, best]]
    tol = 1e-4 * x.var(1).mean(1)
    labels = np.full((r, n), -1)
    active = np.ones(r, dtype=bool)
    for _ in range(300):
        dist = ((x[:, :, None, :] - centres[:, None, :, :]) ** 2).sum(-1)
        new_labels = dist.argmin(-1)
        onehot = np.eye(k)[new_labels]
        counts = onehot.sum(1)
        sums = np.einsum("rnk,rnd->rkd", onehot, x)
        new_centres = np.where(counts[..., None] > 0, sums / np.maximum(counts, 1)[..., None], centres)
        shift = ((new_centres - centres) ** 2).sum((1, 2))
        same = (new_labels == labels).all(1)
        labels = np.where(active[:, None], new_labels, labels)
        centres = np.where(active[:, None, None], new_centres, centres)
        active &= ~same & ~(shift <= tol)
        if not active.any():
            break
    dist = ((x[:, :, None, :] - centres[:, None, :, :]) ** 2).sum(-1)
    return dist.argmin(-1)


def fit(x, k, tol, max_iter, reg, rng):
    """EM for every replicate at once: (weights, means, lower factors, iterations, converged)."""
    r = x.shape[0]
    resp = np.eye(k)[kmeans_labels(x, k, rng)]
    w, mu, chol = m_step(x, resp, reg)
    bound = np.full(r, -np.inf)
    iterations = np.zeros(r, dtype=int)
    active = np.ones(r, dtype=bool)
    for _ in range(max_iter):
        weighted = log_gauss(x, mu, chol) + np.log(w)[:, None, :]
        top = weighted.max(-1, keepdims=True)
        log_norm = top[..., 0] + np.log(np.exp(weighted - top).sum(-1))
        new_bound = log_norm.mean(1)
        resp = np.exp(weighted - log_norm[..., None])
        nw, nmu, nchol = m_step(x, resp, reg)
        w = np.where(active[:, None], nw, w)
        mu = np.where(active[:, None, None], nmu, mu)
        chol = np.where(active[:, None, None, None], nchol, chol)
        iterations += active
        converged = np.abs(new_bound - bound) < tol
        bound = np.where(active, new_bound, bound)
        active &= ~converged
        if not active.any():
            break
    return w, mu, chol, iterations, ~active


def overlap(wa, ma, ca, wb, mb, cb):
    """Integral of f g per replicate: sum_ij a_i b_j N(mu_i - nu_j; 0, S_i + G_j)."""
    d = ma.shape[-1]
    s = ca[:, :, None] + cb[:, None, :]                                       # (R, ka, kb, d, d)
    diff = ma[:, :, None, :] - mb[:, None, :, :]
    chol = np.linalg.cholesky(s)
    y = np.linalg.solve(chol, diff[..., None])[..., 0]
    log_pdf = -0.5 * d * math.log(2 * math.pi) - np.log(np.diagonal(chol, axis1=-2, axis2=-1)).sum(-1) - 0.5 * (y * y).sum(-1)
    return np.einsum("ri,rj,rij->r", wa, wb, np.exp(log_pdf))


def measure(w, mu, chol, original, first, heldout, iterations, converged, out):
    cov = chol @ np.swapaxes(chol, -1, -2)
    def l2(other):
        wb, mb, cb = other
        return np.maximum(0, overlap(w, mu, cov, w, mu, cov) - 2 * overlap(w, mu, cov, wb, mb, cb) + overlap(wb, mb, cb, wb, mb, cb))
    out[0] = l2(original)
    out[1] = l2(first) if first is not None else np.nan
    weighted = log_gauss(heldout, mu, chol) + np.log(w)[:, None, :]
    top = weighted.max(-1, keepdims=True)
    out[2] = -(top[..., 0] + np.log(np.exp(weighted - top).sum(-1))).mean(1)
    out[3] = (w > 0).sum(1)
    out[4] = np.exp(-(w * np.log(w)).sum(1))
    out[5] = iterations
    out[6] = converged
    k = w.shape[1]
    order = np.argsort(-w, axis=1, kind="stable")
    rows = np.arange(w.shape[0])[:, None]
    out[7:7 + k] = w[rows, order].T
    out[7 + k:7 + 2 * k] = np.trace(cov, axis1=-2, axis2=-1)[rows, order].T
    out[7 + 2 * k:7 + 3 * k] = np.linalg.slogdet(cov)[1][rows, order].T


def simulate(args, rng):
    d, k, m, g_last, r, h = args.dim, args.components, args.samples, args.generations, args.replicates, args.heldout
    values = np.empty((g_last + 1, len(names(k)), r))
    eye = np.broadcast_to(np.eye(d), (r, 1, d, d))
    original = (np.ones((r, 1)), np.zeros((r, 1, d)), eye)
    heldout = rng.standard_normal((r, h, d))
    # Generation 0 is p_0 itself, with the mixture's k columns (a single component, the rest empty).
    values[0] = np.nan
    values[0, 0], values[0, 1] = 0, np.nan
    values[0, 2] = 0.5 * (heldout * heldout).sum(-1).mean(1) + 0.5 * d * math.log(2 * math.pi)
    values[0, 3:7] = [[1], [1], [0], [np.nan]]
    values[0, 7:7 + k] = np.array([1.0] + [0.0] * (k - 1))[:, None]
    values[0, 7 + k:7 + 2 * k] = np.array([float(d)] + [0.0] * (k - 1))[:, None]
    values[0, 7 + 2 * k:7 + 3 * k] = np.array([0.0] + [-np.inf] * (k - 1))[:, None]
    x = rng.standard_normal((r, m, d))
    first = None
    rows = np.arange(r)[:, None]
    for g in range(1, g_last + 1):
        w, mu, chol, iterations, converged = fit(x, k, args.tol, args.max_iter, args.reg_covar, rng)
        if first is None:
            first = (w, mu, chol @ np.swapaxes(chol, -1, -2))
        measure(w, mu, chol, original, first, heldout, iterations, converged, values[g])
        component = (rng.random((r, m, 1)) > np.cumsum(w, 1)[:, None, :]).sum(-1)
        component = np.minimum(component, k - 1)
        z = rng.standard_normal((r, m, d))
        x = mu[rows, component] + np.einsum("rnde,rne->rnd", chol[rows, component], z)
    return dict(values=values, steps=r * g_last, entropy=0.5 * d * math.log(2 * math.pi * math.e))


if __name__ == "__main__":
    sys.exit(gmm_common.main("NumPy reference of collapse gmm: EM by hand, vectorised over replicates; p_0 = N(0, I).",
                             lambda args, seed: simulate(args, np.random.default_rng(seed)), "numpy-gmm-out"))
