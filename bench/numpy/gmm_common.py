"""What bench/numpy/gmm.py (scikit-learn) and gmm_numpy.py (a NumPy EM) share: the CLI's metric names,
the command line (the CLI's options for the paper's setting), the output files, the self-check
(generation 1's held-out NLL = entropy + p / (2 M), approximately) and the manifest."""
import math

import numpy as np

import common


def names(k):
    """The CLI's metric names for k components (MixtureMetrics.names)."""
    base = ["l2_to_original", "l2_to_first", "heldout_nll", "alive_components", "effective_components", "em_iterations", "em_converged"]
    return base + ["%s_%d" % (what, j) for what in ("weight", "trace", "log_det") for j in range(1, k + 1)]


def write_values_at(path, generations, values, k):
    """values_at.csv: every replicate's metrics at the given generations (one row per generation and replicate)."""
    header = ["generation", "replicate"] + names(k)
    lead = [[g, rep] for g in generations for rep in range(values.shape[2])]
    rows = np.concatenate([values[g].T for g in generations]) if generations else np.empty((0, len(names(k))))
    common.write_csv(path, header, lead, rows)


def main(description, simulate, default_out, **manifest_extra):
    """The command line, output files, self-check and manifest of a reference script; simulate(args, seed) runs it."""
    p = common.parser(description)
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
    out = common.out_folder(args, default_out)
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
    common.write_manifest(out + "/manifest.json", "gmm", params, seed, timing, checks.as_dict(), **manifest_extra)
    print("%d replicate-generations in %.2f s wall (%.3g per CPU second); wrote %s"
          % (res["steps"], run.wall, timing["replicate_generations_per_cpu_second"] or 0, out))
    return status
