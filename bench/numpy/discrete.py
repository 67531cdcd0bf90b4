#!/usr/bin/env python3
"""NumPy reference implementation of `collapse discrete` (replace regime, exact mode, uniform start).

The same work as the CLI, written the way a NumPy user would: all replicates advance together, one
Generator.multinomial call per generation with a 2-D pvals array (R x K) and the metrics as masked
vectorised operations on the (R x K) count array. Replicates that have been absorbed (one state
left) are not simulated further: their last metrics stand for every later generation, as the CLI's
ExperimentRunner does, and they count no more replicate-generations.

Each generation draws counts ~ Multinomial(M, p) per replicate and sets p = counts / M. The metrics
are CategoricalMetrics': alive_states, entropy (natural log), heterozygosity 1 - sum p^2,
tv_distance 0.5 sum |p - q|, kl_divergence sum p ln(p/q), lost_mass (the original mass of the dead
states), max_probability, absorbed (0/1). Writes summary.csv, checkpoints.csv, replicates.csv and
manifest.json (timing.replicate_generations: the replicates' steps, as the CLI counts them), then
checks its own results against closed forms (docs/theory.md: C2, C3, and the exact absorption-time
distribution) and exits 1 if a check fails.

Usage: discrete.py --states K --samples M [--generations G] [--replicates R] [--until-absorbed]
                   [--seed S] [--out DIR]
"""
import math
import sys

import numpy as np

import common

NAMES = ["alive_states", "entropy", "heterozygosity", "tv_distance", "kl_divergence", "lost_mass",
         "max_probability", "absorbed"]
ALIVE, ENTROPY, HETEROZYGOSITY, TV, KL, LOST, MAX_P, ABSORBED = range(8)


def measure(counts, p, m, k, x_ln_x, work, out):
    """The metrics of every row of counts (p = counts / m) against the uniform q = 1/k.

    work: float buffer of counts' shape (Modified); out: (8, rows) (Modified).
    Returns the alive-state counts.
    """
    alive = np.count_nonzero(counts, axis=1)
    out[ALIVE] = alive
    np.take(x_ln_x, counts, out=work, mode="clip")  # c ln c, 0 for c = 0 (clip: no buffering; counts are in 0..M)
    s = work.sum(axis=1)
    s *= 1 / m  # sum p ln p + ln M
    ln_m = math.log(m)
    np.subtract(ln_m, s, out=out[ENTROPY])
    np.maximum(out[ENTROPY], 0, out=out[ENTROPY])
    # KL(p || uniform) = sum p ln p + ln K.
    np.add(s, math.log(k) - ln_m, out=out[KL])
    np.maximum(out[KL], 0, out=out[KL])
    np.einsum("ij,ij->i", p, p, out=out[HETEROZYGOSITY])
    np.subtract(1, out[HETEROZYGOSITY], out=out[HETEROZYGOSITY])
    np.maximum(out[HETEROZYGOSITY], 0, out=out[HETEROZYGOSITY])
    q = 1 / k
    if m <= k:
        # Every alive state has p >= 1/M >= q, so sum |p - q| = (1 - q alive) + q (K - alive): no pass.
        np.multiply(alive, -2 * q, out=out[TV])
        out[TV] += 1 + q * k
        out[TV] *= 0.5
    else:
        np.subtract(p, q, out=work)
        np.abs(work, out=work)
        work.sum(axis=1, out=out[TV])
        out[TV] *= 0.5
    np.subtract(k, alive, out=out[LOST])
    out[LOST] *= q
    np.multiply(counts.max(axis=1), 1 / m, out=out[MAX_P])
    np.equal(alive, 1, out=out[ABSORBED], casting="unsafe")
    return alive


def simulate(k, m, cap, r, until_absorbed, rng):
    """Runs the chain; returns everything the files and the checks need."""
    x_ln_x = np.zeros(m + 1)
    c = np.arange(1, m + 1, dtype=np.float64)
    x_ln_x[1:] = c * np.log(c)
    q = 1 / k
    first = np.array([k, math.log(k), 1 - q, 0, 0, 0, q, 1.0 if k == 1 else 0.0])

    pvals = np.full((r, k), q)  # the next draw's p for the active replicates, first rows
    work = np.empty((r, k))
    met = np.empty((8, r))
    finals = np.empty((8, r))  # absorbed replicates' final metrics (the others' at the end)
    absorbed_at = np.full(r, -1, dtype=np.int64)
    absorbing_state = np.full(r, -1, dtype=np.int64)
    active = np.arange(r)
    frozen = common.Moments(8)
    means = [first.copy()]
    ses = [np.zeros(8)]
    snapshots = {}  # 1-2-5 generation -> quantiles over all replicates
    steps = 0
    g = 0
    while g < cap and (active.size > 0 or not until_absorbed):
        g += 1
        ra = active.size
        if ra == 0:  # a run of fixed length whose replicates have all been absorbed: constant rows
            means.append(frozen.mean.copy())
            ses.append(np.sqrt(frozen.m2 / (r - 1) / r) if r > 1 else np.full(8, np.nan))
            if common.is_125(g):
                snapshots[g] = common.quantiles(finals)
            continue
        counts = rng.multinomial(m, pvals[:ra])
        steps += ra
        p = pvals[:ra]
        np.divide(counts, m, out=p)
        cur = met[:, :ra]
        alive = measure(counts, p, m, k, x_ln_x, work[:ra], cur)
        # Mean and SE over all replicates: the active ones' values now, the absorbed ones' final values.
        a_mean = cur.mean(axis=1)
        a_m2 = ((cur - a_mean[:, None]) ** 2).sum(axis=1)
        mean, m2, n = common.merge(frozen.n, frozen.mean, frozen.m2, ra, a_mean, a_m2)
        means.append(mean)
        ses.append(np.sqrt(np.maximum(m2, 0) / (n - 1) / n) if n > 1 else np.full(8, np.nan))
        if common.is_125(g):
            full = finals.copy()
            full[:, active] = cur
            snapshots[g] = common.quantiles(full)
        done = alive == 1
        if done.any():
            idx = active[done]
            absorbed_at[idx] = g
            absorbing_state[idx] = np.argmax(counts[done], axis=1)
            finals[:, idx] = cur[:, done]
            frozen.add(cur[:, done])
            keep = ~done
            active = active[keep]
            pvals[:active.size] = p[keep]
            met[:, :active.size] = cur[:, keep]
    finals[:, active] = met[:, :active.size]
    last = g
    last_generation = np.where(absorbed_at >= 0, absorbed_at, last)
    table = [(0, np.repeat(first[:, None], 3, axis=1))]
    for cp in common.checkpoints(last)[1:]:
        table.append((cp, snapshots[cp] if cp < last else common.quantiles(finals)))
    return dict(last=last, means=np.array(means), ses=np.array(ses), table=table, finals=finals,
                absorbed_at=absorbed_at, absorbing_state=absorbing_state, last_generation=last_generation, steps=steps)


def binomial_transitions(m):
    """(M+1) x (M+1) matrix: row x is the Binomial(M, x/M) pmf (one state's count in the next generation)."""
    y = np.arange(m + 1)
    lg = np.array([math.lgamma(i + 1) for i in range(m + 1)])
    log_choose = lg[m] - lg - lg[::-1]
    t = np.zeros((m + 1, m + 1))
    t[0, 0] = 1
    t[m, m] = 1
    for x in range(1, m):
        p = x / m
        t[x] = np.exp(log_choose + y * math.log(p) + (m - y) * math.log1p(-p))
    return t


def absorption_survival(k, m, until):
    """P(T > n) for n = 0..until, T the absorption time, exactly.

    The chain is absorbed exactly when one state holds all M points, and each state's count alone is
    a Wright-Fisher chain on 0..M (lumping the other states), so for the uniform start P(T <= n) =
    K P(a given state's count is M at generation n), the K events being disjoint. That count is
    Binomial(M, 1/K) at generation 1 and then moves by the binomial transition matrix (O(M^2) per
    generation): the C5 exact reference of docs/theory.md, for K states instead of two.
    """
    t = binomial_transitions(m)
    y = np.arange(m + 1)
    lg = np.array([math.lgamma(i + 1) for i in range(m + 1)])
    q = 1 / k
    v = np.exp(lg[m] - lg - lg[::-1] + y * math.log(q) + (m - y) * math.log1p(-q))
    survival = np.empty(until + 1)
    survival[0] = 1.0
    for n in range(1, until + 1):
        survival[n] = max(0.0, 1 - k * v[m])
        v = v @ t
    return survival


def self_check(args, res, checks):
    k, m, r = args.states, args.samples, args.replicates
    q = 1 / k
    means, ses, last = res["means"], res["ses"], res["last"]
    at = res["absorbed_at"]
    for g in common.checkpoints(last)[1:]:
        # C2, where at least 100 replicates are not yet absorbed (a mean of a few non-zero values is
        # far from normal, and one of zeros has SE 0).
        if np.count_nonzero((at < 0) | (at > g)) >= 100 and ses[g, HETEROZYGOSITY] > 0:
            checks.add("C2 heterozygosity n=%d" % g, means[g, HETEROZYGOSITY], (1 - q) * (1 - 1 / m) ** g,
                       ses[g, HETEROZYGOSITY])
    if last >= 1 and ses[1, ALIVE] > 0:
        checks.add("C3 alive states n=1", means[1, ALIVE], k * (1 - (1 - q) ** m), ses[1, ALIVE])
    # Absorption, against its exact distribution, where that costs little (O(M^2) per generation).
    complete = bool(np.all(at >= 0))
    horizon = last + (40 * m if args.until_absorbed and complete else 0)
    if m * m * horizon > 2e8 or r < 100:
        return
    survival = absorption_survival(k, m, horizon)
    if args.until_absorbed:
        # E T = sum_n P(T > n), continued 40 M generations past the run's end when every replicate was
        # absorbed (P(T > n) falls like (1 - 1/M)^n: the rest is below e^-40); E min(T, cap) if capped.
        t_obs = res["last_generation"].astype(np.float64)
        checks.add("C5 exact mean absorption time", t_obs.mean(), survival.sum() if complete else survival[:last].sum(),
                   t_obs.std(ddof=1) / math.sqrt(r))
    for g in common.checkpoints(last)[1:]:
        p = 1 - survival[g]
        if min(p, 1 - p) * r >= 10:  # the frequency is then close enough to normal
            frac = np.count_nonzero((at >= 0) & (at <= g)) / r
            checks.add("absorbed by n=%d (exact)" % g, frac, p, math.sqrt(p * (1 - p) / r))


def main():
    p = common.parser("NumPy reference of collapse discrete: replace, exact mode, uniform start.")
    p.add_argument("--states", type=int, default=1000, help="number of states K (default: 1000)")
    p.add_argument("--generations", type=int, default=None, help="generations (default: 100; 1000000 with --until-absorbed)")
    p.add_argument("--until-absorbed", action="store_true", help="run every replicate until absorbed, at most --generations")
    p.add_argument("--init", choices=["uniform"], default="uniform", help="only uniform")
    args = p.parse_args()
    if args.generations is None:
        args.generations = 1_000_000 if args.until_absorbed else 100
    if args.states < 2 or args.samples < 1 or args.replicates < 1 or args.generations < 0:
        p.error("need --states >= 2, --samples >= 1, --replicates >= 1, --generations >= 0")
    seed = common.seed_of(args)
    rng = np.random.default_rng(seed)
    out = common.out_folder(args, "numpy-out")

    with common.Timer() as run:
        res = simulate(args.states, args.samples, args.generations, args.replicates, args.until_absorbed, rng)
    with common.Timer() as files:
        common.write_summary(out + "/summary.csv", NAMES, res["means"], res["ses"], np.full(res["last"] + 1, args.replicates))
        common.write_checkpoints(out + "/checkpoints.csv", NAMES, res["table"])
        common.write_replicates(out + "/replicates.csv", NAMES, res["absorbed_at"], res["absorbing_state"],
                                res["last_generation"], res["finals"])
    checks = common.Checks()
    status = 0
    if not args.no_check:
        with common.Timer() as check_time:
            self_check(args, res, checks)
        status = checks.verdict(seed)
    timing = dict(wall_seconds=run.wall, cpu_seconds=run.cpu, output_seconds=files.wall,
                  replicate_generations=int(res["steps"]),
                  replicate_generations_per_cpu_second=res["steps"] / run.cpu if run.cpu > 0 else None)
    if not args.no_check:
        timing["check_seconds"] = check_time.wall
    params = dict(states=args.states, init="uniform(%d)" % args.states, samples=args.samples, regime="replace", mode="exact",
                  generations=args.generations, until_absorbed=args.until_absorbed, replicates=args.replicates)
    common.write_manifest(out + "/manifest.json", "discrete", params, seed, timing, checks.as_dict(),
                          generations_reported=res["last"])
    print("%d replicate-generations in %.2f s wall (%.3g per CPU second), %d generations; wrote %s"
          % (res["steps"], run.wall, timing["replicate_generations_per_cpu_second"] or 0, res["last"], out))
    return status


if __name__ == "__main__":
    sys.exit(main())
