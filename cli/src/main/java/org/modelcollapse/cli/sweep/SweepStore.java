package org.modelcollapse.cli.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * A sweep's results in an embedded DuckDB database ({@value #DATABASE}), written one cell per
 * transaction: a cell is in the database whole or not at all, so an interrupted sweep resumes by
 * skipping the cells stored as done and redoing the rest. {@link #export} writes the tidy tables of the
 * sweep's cells as Parquet and CSV through DuckDB's COPY, rows in a fixed order (cell, generation, the
 * family's metric order), so the same sweep gives the same bytes whichever runner computed it.
 */
public final class SweepStore implements AutoCloseable {
    /** The database file in the output folder. */
    public static final String DATABASE = "sweep.duckdb";
    /** The tables exported, each as NAME.parquet and NAME.csv. */
    public static final List<String> TABLES = List.of("cells", "summary", "replicates", "replicate_metrics", "timings");

    private final Connection db;

    private SweepStore(Connection db) {
        this.db = db;
    }

    /** Opens (creating if needed) the database in {@code dir}. */
    public static SweepStore open(Path dir) throws IOException {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            final Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DATABASE).toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS cells(cell_key VARCHAR PRIMARY KEY, seed BIGINT, status VARCHAR, error VARCHAR)");
                s.execute("CREATE TABLE IF NOT EXISTS summary(cell_key VARCHAR, generation INTEGER, metric_index INTEGER, metric VARCHAR, "
                        + "replicates BIGINT, mean DOUBLE, se DOUBLE, q05 DOUBLE, q50 DOUBLE, q95 DOUBLE)");
                s.execute("CREATE TABLE IF NOT EXISTS replicates(cell_key VARCHAR, replicate INTEGER, absorbed_at INTEGER, absorbing_state INTEGER, "
                        + "last_generation INTEGER)");
                s.execute("CREATE TABLE IF NOT EXISTS replicate_metrics(cell_key VARCHAR, replicate INTEGER, metric_index INTEGER, metric VARCHAR, "
                        + "final_value DOUBLE)");
                s.execute("CREATE TABLE IF NOT EXISTS timings(cell_key VARCHAR PRIMARY KEY, runner VARCHAR, threads INTEGER, wall_seconds DOUBLE, "
                        + "cpu_seconds DOUBLE, replicate_generations BIGINT)");
            }
            c.setAutoCommit(false);
            return new SweepStore(c);
        } catch (SQLException | ClassNotFoundException e) {
            throw new IOException("cannot open " + dir.resolve(DATABASE) + ": " + e.getMessage(), e);
        }
    }

    /** @return the keys of the cells stored as done (a failed cell is run again) */
    public Set<String> done() throws IOException {
        final Set<String> keys = new HashSet<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT cell_key FROM cells WHERE status = 'done'")) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
            db.commit();
        } catch (SQLException e) {
            throw new IOException("cannot read " + DATABASE + ": " + e.getMessage(), e);
        }
        return keys;
    }

    /** Stores a cell's rows, replacing any earlier rows of its key, in one transaction. */
    public void write(Cell cell, CellResult r, String runner) throws IOException {
        try {
            for (String t : TABLES) {
                try (PreparedStatement d = db.prepareStatement("DELETE FROM " + t + " WHERE cell_key = ?")) {
                    d.setString(1, cell.key());
                    d.executeUpdate();
                }
            }
            try (PreparedStatement p = db.prepareStatement("INSERT INTO cells VALUES (?, ?, ?, ?)")) {
                p.setString(1, cell.key());
                p.setLong(2, cell.seed());
                p.setString(3, r.error() == null ? "done" : "failed");
                p.setString(4, r.error());
                p.executeUpdate();
            }
            try (PreparedStatement p = db.prepareStatement("INSERT INTO timings VALUES (?, ?, ?, ?, ?, ?)")) {
                p.setString(1, cell.key());
                p.setString(2, runner);
                p.setInt(3, r.threads());
                p.setDouble(4, r.wallSeconds());
                p.setDouble(5, r.cpuSeconds());
                p.setLong(6, r.replicateGenerations());
                p.executeUpdate();
            }
            final DuckDBConnection duck = db.unwrap(DuckDBConnection.class);
            try (DuckDBAppender a = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "summary")) {
                for (int i = 0; i < r.generations().length; i++) {
                    for (int k = 0; k < r.metrics().size(); k++) {
                        final double[] v = r.values()[i][k];
                        a.beginRow().append(cell.key()).append(r.generations()[i]).append(k).append(r.metrics().get(k)).append(r.counts()[i])
                                .append(v[0]).append(v[1]).append(nullable(v[2])).append(nullable(v[3])).append(nullable(v[4])).endRow();
                    }
                }
            }
            try (DuckDBAppender a = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "replicates");
                 DuckDBAppender f = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "replicate_metrics")) {
                for (int i = 0; i < r.absorbedAt().length; i++) {
                    a.beginRow().append(cell.key()).append(i).append(r.absorbedAt()[i] >= 0 ? Integer.valueOf(r.absorbedAt()[i]) : null)
                            .append(r.absorbingState()[i] >= 0 ? Integer.valueOf(r.absorbingState()[i]) : null).append(r.lastGeneration()[i]).endRow();
                    for (int k = 0; k < r.metrics().size(); k++) {
                        f.beginRow().append(cell.key()).append(i).append(k).append(r.metrics().get(k)).append(r.finals()[i][k]).endRow();
                    }
                }
            }
            db.commit();
        } catch (SQLException e) {
            try {
                db.rollback();
            } catch (SQLException ignored) {
                // the write's failure is the one to report
            }
            throw new IOException("cannot store cell " + cell.index() + " in " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    private static Double nullable(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /**
     * Writes every table of the sweep's cells (and no other cell the database holds) as NAME.parquet
     * and NAME.csv into {@code dir}, each row carrying the cell's number and axis values.
     */
    public List<String> export(Sweep sweep, Path dir) throws IOException {
        final List<String> files = new ArrayList<>();
        try (Statement s = db.createStatement()) {
            final StringBuilder columns = new StringBuilder("cell INTEGER, cell_key VARCHAR");
            final List<String> names = new ArrayList<>();
            for (Map.Entry<String, List<String>> axis : sweep.axes().entrySet()) {
                final String column = column(axis.getKey());
                names.add(column);
                columns.append(", ").append(column).append(' ').append(type(axis.getValue()));
            }
            s.execute("CREATE OR REPLACE TEMP TABLE sweep_cells(" + columns + ")");
            try (PreparedStatement p = db.prepareStatement("INSERT INTO sweep_cells VALUES (" + "?, ".repeat(names.size() + 1) + "?)")) {
                for (Cell c : sweep.cells()) {
                    p.setInt(1, c.index());
                    p.setString(2, c.key());
                    int i = 3;
                    for (String v : c.axisValues().values()) {
                        p.setString(i++, v);
                    }
                    p.addBatch();
                }
                p.executeBatch();
            }
            final String axes = names.isEmpty() ? "" : ", " + String.join(", ", names.stream().map(n -> "x." + n).toList());
            final Map<String, String> queries = Map.of(
                    "cells", "SELECT x.cell" + axes + ", c.seed, c.status, c.error, x.cell_key FROM sweep_cells x JOIN cells c USING (cell_key) ORDER BY x.cell",
                    "summary", "SELECT x.cell" + axes + ", t.generation, t.metric, t.replicates, t.mean, t.se, t.q05, t.q50, t.q95 "
                            + "FROM sweep_cells x JOIN summary t USING (cell_key) ORDER BY x.cell, t.generation, t.metric_index",
                    "replicates", "SELECT x.cell" + axes + ", t.replicate, t.absorbed_at, t.absorbing_state, t.last_generation "
                            + "FROM sweep_cells x JOIN replicates t USING (cell_key) ORDER BY x.cell, t.replicate",
                    "replicate_metrics", "SELECT x.cell" + axes + ", t.replicate, t.metric, t.final_value "
                            + "FROM sweep_cells x JOIN replicate_metrics t USING (cell_key) ORDER BY x.cell, t.replicate, t.metric_index",
                    "timings", "SELECT x.cell" + axes + ", t.runner, t.threads, t.wall_seconds, t.cpu_seconds, t.replicate_generations "
                            + "FROM sweep_cells x JOIN timings t USING (cell_key) ORDER BY x.cell");
            for (String table : TABLES) {
                for (String format : List.of("parquet", "csv")) {
                    final Path file = dir.resolve(table + "." + format);
                    Files.deleteIfExists(file);
                    s.execute("COPY (" + queries.get(table) + ") TO '" + file.toAbsolutePath().toString().replace("'", "''") + "' "
                            + (format.equals("parquet") ? "(FORMAT PARQUET)" : "(FORMAT CSV, HEADER)"));
                    files.add(file.getFileName().toString());
                }
            }
            db.commit();
        } catch (SQLException e) {
            throw new IOException("cannot export the tables: " + e.getMessage(), e);
        }
        return files;
    }

    /** @return counts of the sweep's cells stored as done and as failed */
    public int[] counts(Sweep sweep) throws IOException {
        final Set<String> keys = new HashSet<>();
        sweep.cells().forEach(c -> keys.add(c.key()));
        final int[] n = new int[2];
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT cell_key, status FROM cells")) {
            while (rs.next()) {
                if (keys.contains(rs.getString(1))) {
                    n[rs.getString(2).equals("done") ? 0 : 1]++;
                }
            }
            db.commit();
        } catch (SQLException e) {
            throw new IOException("cannot read " + DATABASE + ": " + e.getMessage(), e);
        }
        return n;
    }

    /** @return an axis's column name: its option name with hyphens as underscores */
    static String column(String axis) {
        return '"' + axis.replace('-', '_').replace("\"", "") + '"';
    }

    /** @return BIGINT if every value is an integer, DOUBLE if every value is a number, BOOLEAN for true/false, else VARCHAR */
    static String type(List<String> values) {
        if (values.stream().allMatch(v -> v.matches("-?\\d{1,18}"))) {
            return "BIGINT";
        }
        if (values.stream().allMatch(v -> v.equals("true") || v.equals("false"))) {
            return "BOOLEAN";
        }
        try {
            values.forEach(Double::parseDouble);
            return "DOUBLE";
        } catch (NumberFormatException e) {
            return "VARCHAR";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IOException("cannot close " + DATABASE + ": " + e.getMessage(), e);
        }
    }
}
