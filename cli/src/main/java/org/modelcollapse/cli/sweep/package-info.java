/**
 * Parameter sweeps ({@code collapse sweep FILE}): a sweep file's cells ({@link org.modelcollapse.cli.sweep.SweepFile}),
 * each run through {@link org.modelcollapse.cli.PlannedRun} with a seed derived from the root seed and the cell's
 * parameters ({@link org.modelcollapse.cli.sweep.Cell}), stored cell by cell in DuckDB and exported as Parquet and CSV
 * ({@link org.modelcollapse.cli.sweep.SweepStore}). The runner is local ({@link org.modelcollapse.cli.sweep.LocalSweep});
 * the Spark module distributes the same cells.
 */
package org.modelcollapse.cli.sweep;
