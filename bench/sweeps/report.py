"""Writes results/SWEEPS.md from one run of bench/sweeps/run-scale: DIR holds local/, spark-local/ and
spark-standalone/, each with the run's manifest.json, timings.csv and command-seconds (the command's own
wall time), and tables-identical. Cells per second, the runner's overhead per cell against the cells' own
time, and a projection of the grid to a cluster of N workers from the measured per-cell costs
(longest-processing-time-first scheduling).
Usage: report.py DIR OUT_MD"""
import csv
import heapq
import json
import pathlib
import sys

base = pathlib.Path(sys.argv[1])
out = pathlib.Path(sys.argv[2])
RUNNERS = [("local", "local runner (`collapse sweep`)"), ("spark-local", "Spark, local mode"),
           ("spark-standalone", "Spark, standalone master + worker")]


def load(name):
    d = base / name
    manifest = json.loads((d / "manifest.json").read_text())
    rows = list(csv.DictReader(open(d / "timings.csv", newline="")))
    return {"manifest": manifest, "wall": [float(r["wall_seconds"]) for r in rows], "cpu": [float(r["cpu_seconds"]) for r in rows],
            "command": float((d / "command-seconds").read_text())}


def makespan(costs, n):
    loads = [0.0] * n
    heapq.heapify(loads)
    for c in sorted(costs, reverse=True):
        heapq.heappush(loads, heapq.heappop(loads) + c)
    return max(loads)


runs = {name: load(name) for name, _ in RUNNERS}
local = runs["local"]
m0 = local["manifest"]
cells = len(local["wall"])
cores = int(runs["spark-local"]["manifest"]["spark_master"].strip("local[]")) if "spark_master" in runs["spark-local"]["manifest"] else None
identical = (base / "tables-identical").read_text().strip()

lines = [
    "# Sweeps: cells per second, the runner's overhead, and a projection to a cluster", "",
    f"From one run of `bench/sweeps/run-scale`: the Kazdan sweep (`{m0['sweep_file']}`, sha256 `{m0['sweep_sha256'][:16]}...`, "
    f"{cells} cells of {m0['replicates']} replicates) by each runner in turn on this machine, JDK {m0['jdk']}, started "
    f"{m0['timing']['started']}. Each runner's manifest.json, timings.csv and command time are under `results/sweeps/`; "
    f"this file is written from them by `bench/sweeps/report.py`. The three runs' tables (cells, summary, replicates, "
    f"replicate_metrics; CSV and Parquet) byte-identical: **{identical}**.", "",
    "## The runners", "",
    "| quantity | " + " | ".join(label for _, label in RUNNERS) + " |", "|---|" + "---|" * len(RUNNERS)]


def row(label, f):
    lines.append(f"| {label} | " + " | ".join(f(runs[name]) for name, _ in RUNNERS) + " |")


def slots(r):
    return r["manifest"]["threads"] if r["manifest"]["runner"] == "local" else cores


row("how cells run", lambda r: f"one at a time, replicates on {r['manifest']['threads']} threads" if r["manifest"]["runner"] == "local"
    else f"{cores} at a time, longest first by a pilot of each (one single-task job per cell, replicates on one core)")
row("command wall time (JVM, Spark and cluster start included)", lambda r: f"{r['command']:.1f} s")
row("sweep wall time (store opened to manifest written)", lambda r: f"{r['manifest']['timing']['wall_seconds']:.1f} s")
row("start-up outside the sweep", lambda r: f"{r['command'] - r['manifest']['timing']['wall_seconds']:.1f} s")
row("cells per second (sweep wall)", lambda r: f"{cells / r['manifest']['timing']['wall_seconds']:.3f}")
row("sum of the cells' own wall times", lambda r: f"{sum(r['wall']):.1f} s")
row("the cells' CPU time", lambda r: f"{sum(r['cpu']):.1f} s")
row("shortest possible sweep wall: max(cells' wall / slots, longest cell)",
    lambda r: f"{max(sum(r['wall']) / slots(r), max(r['wall'])) if r['manifest']['runner'] != 'local' else sum(r['wall']):.1f} s")


def overhead(r):
    ideal = sum(r["wall"]) if r["manifest"]["runner"] == "local" else max(sum(r["wall"]) / slots(r), max(r["wall"]))
    extra = r["manifest"]["timing"]["wall_seconds"] - ideal
    return f"{extra:.1f} s, {1000 * extra / cells:.0f} ms per cell"


row("overhead: sweep wall - shortest possible", overhead)
big = [w for w in local["wall"] if w >= 1]
local_extra = local["manifest"]["timing"]["wall_seconds"] - sum(local["wall"])
pilots = [f"{r['manifest']['spark_order_pilot_seconds']:.1f} s {name}" for name, r in runs.items()
          if "spark_order_pilot_seconds" in r["manifest"]]
lines += ["",
          f"Local runner against running the cells alone: {1000 * local_extra / cells:.0f} ms per cell; the {len(big)} cells of >= 1 s "
          f"take {sum(big) / len(big):.2f} s on average, so the runner adds {100 * (local_extra / cells) / (sum(big) / len(big)):.2f}% "
          "to such a cell (target <= 5%). The overhead is what the sweep adds around each cell: planning it (its family's checks), "
          "storing its rows in DuckDB in one transaction, and at the end the Parquet and CSV exports and the manifest. On Spark it "
          "also holds the pilots that order the cells longest first" + (" (" + "; ".join(pilots) + ")" if pilots else "")
          + ", the tasks' serialisation and scheduling, results coming back to the driver, Spark's own Parquet copy of every "
          "table, and cores left idle at the end where the pilots' order is not the cells' true one. Cells run in parallel on "
          "Spark, so a cell's wall time there is its replicates on one core.", "",
          "## Projection to N workers", "",
          "Each cell's cost on one core is its CPU time measured by the local runner; cells are the unit of distribution, scheduled "
          "longest first (LPT). The grid cannot finish sooner than its longest cell, whatever N.", "",
          "| workers (cores) | projected wall | speed-up over 1 |", "|---|---|---|"]
cpu = local["cpu"]
one = makespan(cpu, 1)
for n in (1, 2, 4, 8, 16, 32, 64, 128):
    m = makespan(cpu, n)
    lines.append(f"| {n} | {m:.1f} s | {one / m:.1f}x |")
lines += ["", f"Longest cell: {max(cpu):.1f} s of CPU ({100 * max(cpu) / sum(cpu):.0f}% of the grid). A grid of cells this uneven "
          "stops scaling at a few workers; splitting a large cell's replicates across cells (two cells of 50 replicates with their own "
          "keys) is the way past it. Add the measured start-up above (seconds, once per sweep) to any projection.", ""]
out.write_text("\n".join(lines) + "\n")
