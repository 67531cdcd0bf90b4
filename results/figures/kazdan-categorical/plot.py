"""Kazdan et al.'s categorical figure from the sweep's replicates table: mean fits to total collapse
against M, one curve per K, with the diffusion approximation (SPEC section 6, C5) dashed.
Writes fits-to-collapse.png and c5.md beside this script; reads runs/replicates.csv."""
import csv
import math
import pathlib
import statistics
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

here = pathlib.Path(__file__).resolve().parent
runs = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else here / "runs"
fits = {}
with open(runs / "replicates.csv", newline="") as f:
    for row in csv.DictReader(f):
        fits.setdefault((int(row["states"]), int(row["samples"])), []).append(int(row["absorbed_at"]))


def c5(k, m):
    """-2M sum_j (1 - q_j) ln(1 - q_j) for q uniform on k states (Kimura & Ohta 1969)."""
    return -2.0 * m * (k - 1) * math.log1p(-1.0 / k)


lines = ["# Fits to total collapse: the sweep against the diffusion approximation C5", "",
         "From `runs/replicates.csv` (`collapse sweep sweep.toml`); C5 = -2M (K-1) ln(1-1/K). "
         "z = (mean - C5) / SE is sampling error only: C5 is itself an approximation, whose error is O(1) generations "
         "(visible at small M), so small-M rows differ beyond their SE by design.", "",
         "| K | M | replicates | mean fits | SE | C5 | mean / C5 | z |", "|---|---|---|---|---|---|---|---|"]
fig, (ax, rx) = plt.subplots(1, 2, figsize=(12, 5))
for k in sorted({k for k, _ in fits}):
    ms = sorted(m for kk, m in fits if kk == k)
    means = [statistics.fmean(fits[(k, m)]) for m in ms]
    ses = [statistics.stdev(fits[(k, m)]) / math.sqrt(len(fits[(k, m)])) for m in ms]
    line = ax.errorbar(ms, means, yerr=[1.96 * s for s in ses], marker="o", ms=3, capsize=2, label=f"K = {k:g}")
    ax.plot(ms, [c5(k, m) for m in ms], ls="--", color=line[0].get_color(), lw=1)
    shift = 1.04 ** (sorted({k for k, _ in fits}).index(k) - 2)
    rx.errorbar([m * shift for m in ms], [mean / c5(k, m) for m, mean in zip(ms, means)],
                yerr=[1.96 * se / c5(k, m) for m, se in zip(ms, ses)], marker="o", ms=3, capsize=2, ls="none",
                color=line[0].get_color(), label=f"K = {k:g}")
    for m, mean, se in zip(ms, means, ses):
        z = (mean - c5(k, m)) / se
        lines.append(f"| {k} | {m} | {len(fits[(k, m)])} | {mean:.1f} | {se:.1f} | {c5(k, m):.1f} | {mean / c5(k, m):.3f} | {z:+.2f} |")
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlabel("sample size M")
ax.set_ylabel("fits to total collapse (mean, 95% CI)")
ax.set_title("Categorical chain, uniform start, 100 seeds per cell\n(dashed: diffusion approximation C5, -2M (K-1) ln(1-1/K))")
ax.legend()
rx.axhline(1.0, color="black", lw=1, ls="--")
rx.set_xscale("log")
rx.set_xlabel("sample size M")
rx.set_ylabel("mean fits / C5 (95% CI)")
rx.set_title("The same, as a ratio to the diffusion approximation")
fig.tight_layout()
fig.savefig(here / "fits-to-collapse.png", dpi=120)
(here / "c5.md").write_text("\n".join(lines) + "\n")
