"""Writes results/SWEEPS.md from one sweep run's folder (manifest.json and timings.csv): cells per
second, the runner's overhead per cell against the cells' own time, and a projection of the grid to a
cluster of N workers from the measured per-cell costs (longest-processing-time-first scheduling).
Usage: report.py RUN_DIR OUT_MD"""
import csv
import heapq
import json
import pathlib
import sys

run = pathlib.Path(sys.argv[1])
out = pathlib.Path(sys.argv[2])
manifest = json.loads((run / "manifest.json").read_text())
rows = list(csv.DictReader(open(run / "timings.csv", newline="")))
wall = [float(r["wall_seconds"]) for r in rows]
cpu = [float(r["cpu_seconds"]) for r in rows]
total = manifest["timing"]["wall_seconds"]
cells = len(rows)
overhead = total - sum(wall)
big = [w for w in wall if w >= 1]


def makespan(costs, n):
    loads = [0.0] * n
    heapq.heapify(loads)
    for c in sorted(costs, reverse=True):
        heapq.heappush(loads, heapq.heappop(loads) + c)
    return max(loads)


lines = [
    "# Sweeps: cells per second, the runner's overhead, and a projection to a cluster", "",
    f"From one run: `{run}` (`collapse sweep {manifest['sweep_file']}`, sha256 `{manifest['sweep_sha256'][:16]}...`), "
    f"runner {manifest['runner']}, {manifest['threads']} threads, JDK {manifest['jdk']}, started {manifest['timing']['started']}. "
    f"Written by `bench/sweeps/report.py` from its manifest.json and timings.csv.", "",
    "## Local runner", "",
    "| quantity | value |", "|---|---|",
    f"| cells | {cells} ({manifest['cells_done']} done, {manifest['cells_failed']} failed, {manifest['cells_resumed']} resumed) |",
    f"| replicates per cell | {manifest['replicates']} |",
    f"| sweep wall time (store opened to manifest written) | {total:.2f} s |",
    f"| sum of the cells' own wall times | {sum(wall):.2f} s |",
    f"| cells per second | {cells / total:.3f} |",
    f"| runner overhead (sweep wall - cells' wall) | {overhead:.2f} s, {1000 * overhead / cells:.0f} ms per cell, {100 * overhead / sum(wall):.1f}% of the cells' time |",
    f"| cells of >= 1 s | {len(big)}, {sum(big):.1f} s; the per-cell overhead is {100 * (overhead / cells) / (sum(big) / len(big)):.2f}% of their mean ({sum(big) / len(big):.2f} s); target <= 5% |" if big else "| cells of >= 1 s | none |",
    f"| the cells' CPU time (worker threads) | {sum(cpu):.1f} s |", "",
    "The overhead is what the sweep adds around each cell: planning it (its family's checks), storing its rows in DuckDB in "
    "one transaction, and at the end the Parquet and CSV exports and the manifest. The JVM's start and the check of every cell "
    "before the run are outside the sweep's wall time.", "",
    "## Projection to N workers", "",
    "Each cell's cost on one core is its measured CPU time; cells are the unit of distribution, scheduled longest first (LPT). "
    "The grid cannot finish sooner than its longest cell, whatever N.", "",
    "| workers (cores) | projected wall | speed-up over 1 |", "|---|---|---|"]
one = makespan(cpu, 1)
for n in (1, 2, 4, 8, 16, 32, 64, 128):
    m = makespan(cpu, n)
    lines.append(f"| {n} | {m:.1f} s | {one / m:.1f}x |")
lines += ["", f"Longest cell: {max(cpu):.1f} s of CPU ({100 * max(cpu) / sum(cpu):.0f}% of the grid). A grid of cells this uneven "
          "stops scaling at a few workers; splitting a large cell's replicates across cells (two cells of 50 replicates with their own "
          "keys) is the way past it.", ""]
out.write_text("\n".join(lines) + "\n")
