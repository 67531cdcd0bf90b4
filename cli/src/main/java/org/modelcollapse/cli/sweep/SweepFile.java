package org.modelcollapse.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.modelcollapse.cli.PlannedRun;

/**
 * Reads and checks a sweep file (TOML, or YAML for names ending .yaml or .yml) through Jackson's
 * dataformat parsers. The format, also in {@code collapse sweep --help} and the README:
 * <pre>
 * family = "discrete"          # a family's subcommand
 * seed = 2024                  # root seed (required)
 * replicates = 100             # per cell (default 100)
 * summary_generations = "band" # or "every": which generations the summary table holds
 * zip = [["states", "samples"]]  # optional: axes advanced together (equal lengths); the rest are crossed
 * [options]                    # fixed options of the family's command, by long name without dashes
 * init = "uniform"
 * until-absorbed = true        # a flag: true gives it, false leaves it out
 * [axes]                       # each a list, or a range
 * states = [10, 100, 1000]
 * samples = { from = 10, to = 100000, count = 9, scale = "log" }
 * </pre>
 * A range's values are from + i (to - from) / (count - 1) (linear) or from (to / from)^(i / (count - 1))
 * (log), for i = 0 .. count - 1, or from, from + step, ... up to to with {@code step}; integers, rounded
 * to the nearest, when both ends are integers. Crossed axes vary the last fastest.
 */
public final class SweepFile {
    /** Options a sweep sets itself, or that write files a sweep does not write. */
    static final Set<String> RESERVED = Set.of("seed", "replicates", "threads", "out", "force", "no-plots", "verbose", "log-y", "linear-y",
            "help", "version");
    private static final Set<String> TOP_LEVEL = Set.of("family", "seed", "replicates", "summary_generations", "zip", "options", "axes", "name");

    private final String name;

    private SweepFile(String name) {
        this.name = name;
    }

    /**
     * @return the checked sweep: every key known, every value of the family's kind, and every cell's
     *     options checked by the family's own command (memory included)
     * @throws SweepFileException naming the key and the value, before anything runs
     */
    public static Sweep read(Path path) throws IOException {
        final SweepFile f = new SweepFile(path.getFileName().toString());
        final byte[] bytes = Files.readAllBytes(path);
        final String lower = f.name.toLowerCase(Locale.ROOT);
        final ObjectMapper mapper = lower.endsWith(".yaml") || lower.endsWith(".yml") ? new YAMLMapper() : new TomlMapper();
        final JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (IOException e) {
            throw f.bad("cannot be parsed as " + (mapper instanceof TomlMapper ? "TOML" : "YAML") + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw f.bad("holds no table of keys; it needs at least family, seed and [axes]");
        }
        return f.sweep(root, new String(bytes, StandardCharsets.UTF_8), sha256(bytes));
    }

    private Sweep sweep(JsonNode root, String text, String hash) {
        root.fieldNames().forEachRemaining(k -> {
            if (!TOP_LEVEL.contains(k)) {
                throw bad(k + ": unknown key; the keys are " + String.join(", ", TOP_LEVEL.stream().sorted().toList()));
            }
        });
        final JsonNode familyNode = root.get("family");
        if (familyNode == null || !familyNode.isTextual() || !PlannedRun.families().contains(familyNode.asText())) {
            throw bad("family = " + (familyNode == null ? "(missing)" : familyNode) + ": allowed are " + String.join(", ", PlannedRun.families()));
        }
        final String family = familyNode.asText();
        final JsonNode seedNode = root.get("seed");
        if (seedNode == null || !seedNode.isIntegralNumber() || !seedNode.canConvertToLong()) {
            throw bad("seed = " + (seedNode == null ? "(missing)" : seedNode) + ": a root seed is required, an integer of 64 bits");
        }
        final JsonNode repNode = root.get("replicates");
        if (repNode != null && !(repNode.isIntegralNumber() && repNode.canConvertToInt() && repNode.asInt() > 0)) {
            throw bad("replicates = " + repNode + ": must be an integer >= 1");
        }
        final int replicates = repNode == null ? 100 : repNode.asInt();
        final JsonNode summaryNode = root.get("summary_generations");
        if (summaryNode != null && !List.of("band", "every").contains(summaryNode.asText())) {
            throw bad("summary_generations = " + summaryNode + ": allowed are \"band\" (the quantile band's few hundred generations) and \"every\"");
        }
        final Map<String, String> fixed = new LinkedHashMap<>();
        final JsonNode options = root.get("options");
        if (options != null) {
            table(options, "options");
            options.fields().forEachRemaining(e -> {
                option(family, "options." + e.getKey(), e.getKey());
                fixed.put(e.getKey(), value("options." + e.getKey(), e.getValue()));
            });
        }
        final JsonNode axesNode = root.get("axes");
        if (axesNode == null) {
            throw bad("[axes]: missing; a sweep needs at least one axis (a list of values, or a range)");
        }
        table(axesNode, "axes");
        final Map<String, List<String>> axes = new LinkedHashMap<>();
        axesNode.fields().forEachRemaining(e -> {
            final String key = "axes." + e.getKey();
            option(family, key, e.getKey());
            if (fixed.containsKey(e.getKey())) {
                throw bad(key + ": also in [options]; give it in one place");
            }
            if (e.getKey().equals("metrics")) {
                throw bad(key + ": --metrics cannot be an axis (every cell's tables have the same metrics); give it in [options]");
            }
            axes.put(e.getKey(), axis(key, e.getValue()));
        });
        if (axes.isEmpty()) {
            throw bad("[axes]: empty; a sweep needs at least one axis");
        }
        final List<List<String>> groups = groups(root.get("zip"), axes);
        final List<Cell> cells = cells(family, replicates, seedNode.asLong(), fixed, axes, groups);
        return new Sweep(name, hash, text, family, seedNode.asLong(), replicates, summaryNode != null && summaryNode.asText().equals("every"),
                axes, cells);
    }

    private void table(JsonNode node, String key) {
        if (!node.isObject()) {
            throw bad(key + " = " + node + ": must be a table of option = value");
        }
    }

    private void option(String family, String key, String option) {
        if (RESERVED.contains(option)) {
            throw bad(key + ": set by the sweep itself or not used by it" + (option.equals("seed") || option.equals("replicates")
                    ? "; give the top-level key " + option : option.equals("threads") ? "; give collapse sweep --threads" : ""));
        }
        if (PlannedRun.isFlag(family, option) == null) {
            throw bad(key + ": collapse " + family + " has no option --" + option);
        }
    }

    /** @return a value as its command-line text: numbers exactly as given, lists comma-separated, true/false for flags */
    private String value(String key, JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isBoolean()) {
            return v.asText();
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        if (v.isNumber()) {
            return Double.toString(v.doubleValue());
        }
        if (v.isArray()) {
            final List<String> parts = new ArrayList<>();
            v.forEach(x -> {
                if (!x.isValueNode()) {
                    throw bad(key + " = " + v + ": a list value holds only numbers or strings");
                }
                parts.add(value(key, x));
            });
            return String.join(",", parts);
        }
        throw bad(key + " = " + v + ": must be a number, a string, true/false or a list");
    }

    private List<String> axis(String key, JsonNode v) {
        final List<String> values = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(x -> values.add(value(key, x)));
        } else if (v.isObject()) {
            values.addAll(range(key, v));
        } else {
            throw bad(key + " = " + v + ": an axis is a list of values or a range {from, to, count or step, scale}");
        }
        if (values.isEmpty()) {
            throw bad(key + " = " + v + ": an axis needs at least one value");
        }
        if (new LinkedHashSet<>(values).size() != values.size()) {
            throw bad(key + " = " + v + ": holds a value twice (" + String.join(", ", values) + ")");
        }
        return values;
    }

    private List<String> range(String key, JsonNode v) {
        v.fieldNames().forEachRemaining(k -> {
            if (!Set.of("from", "to", "count", "step", "scale").contains(k)) {
                throw bad(key + "." + k + ": unknown key of a range; its keys are from, to, count or step, scale");
            }
        });
        final JsonNode from = v.get("from");
        final JsonNode to = v.get("to");
        if (from == null || !from.isNumber() || to == null || !to.isNumber()) {
            throw bad(key + " = " + v + ": a range needs numbers from and to");
        }
        final String scale = v.has("scale") ? v.get("scale").asText() : "linear";
        if (!scale.equals("linear") && !scale.equals("log")) {
            throw bad(key + ".scale = " + v.get("scale") + ": allowed are \"linear\" and \"log\"");
        }
        final double a = from.doubleValue();
        final double b = to.doubleValue();
        if (!Double.isFinite(a) || !Double.isFinite(b) || scale.equals("log") && !(a > 0 && b > 0)) {
            throw bad(key + " = " + v + ": from and to must be finite" + (scale.equals("log") ? " and > 0 on a log scale" : ""));
        }
        final boolean integers = from.isIntegralNumber() && to.isIntegralNumber();
        final List<Double> xs = new ArrayList<>();
        if (v.has("count") == v.has("step")) {
            throw bad(key + " = " + v + ": a range needs count or step, one of them");
        }
        if (v.has("count")) {
            final JsonNode c = v.get("count");
            if (!c.isIntegralNumber() || c.asInt() < 1 || c.asInt() > 1_000_000 || c.asInt() == 1 && a != b) {
                throw bad(key + ".count = " + c + ": must be an integer from 2 to 10^6 (1 when from = to)");
            }
            final int n = c.asInt();
            for (int i = 0; i < n; i++) {
                final double t = n == 1 ? 0 : (double) i / (n - 1);
                xs.add(i == n - 1 ? b : scale.equals("log") ? a * Math.pow(b / a, t) : a + t * (b - a));
            }
        } else {
            final JsonNode s = v.get("step");
            if (!s.isNumber() || !(s.doubleValue() > 0) || scale.equals("log") && !(s.doubleValue() > 1)) {
                throw bad(key + ".step = " + s + ": must be > 0 (a factor > 1 on a log scale)");
            }
            final double step = s.doubleValue();
            final double slack = 1e-9 * Math.abs(b - a);
            for (int i = 0; xs.size() <= 1_000_000; i++) {
                final double x = scale.equals("log") ? a * Math.pow(step, i) : a + i * step;
                if (x > Math.max(a, b) + slack) {
                    break;
                }
                xs.add(x);
            }
        }
        final List<String> values = new ArrayList<>();
        for (double x : xs) {
            values.add(integers ? Long.toString(Math.round(x)) : new BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString());
        }
        if (new LinkedHashSet<>(values).size() != values.size()) {
            throw bad(key + " = " + v + ": rounds to repeated integers (" + String.join(", ", values) + "); lower count");
        }
        return values;
    }

    private List<List<String>> groups(JsonNode zip, Map<String, List<String>> axes) {
        final List<List<String>> groups = new ArrayList<>();
        final Set<String> zipped = new LinkedHashSet<>();
        if (zip != null) {
            if (!zip.isArray()) {
                throw bad("zip = " + zip + ": must be a list of lists of axis names, e.g. zip = [[\"states\", \"samples\"]]");
            }
            for (JsonNode g : zip) {
                if (!g.isArray() || g.size() < 2) {
                    throw bad("zip = " + zip + ": each group is a list of two or more axis names");
                }
                final List<String> group = new ArrayList<>();
                for (JsonNode n : g) {
                    final String a = n.asText();
                    if (!axes.containsKey(a)) {
                        throw bad("zip = " + zip + ": " + a + " is not an axis");
                    }
                    if (!zipped.add(a)) {
                        throw bad("zip = " + zip + ": " + a + " is in two groups, or twice in one");
                    }
                    if (axes.get(a).size() != axes.get(group.isEmpty() ? a : group.get(0)).size()) {
                        throw bad("zip = " + zip + ": zipped axes need equal lengths; " + group.get(0) + " has " + axes.get(group.get(0)).size()
                                + " values and " + a + " " + axes.get(a).size());
                    }
                    group.add(a);
                }
                groups.add(group);
            }
        }
        // Crossed axes are groups of one; each group stands where its first axis stands in [axes].
        final List<List<String>> ordered = new ArrayList<>();
        for (String a : axes.keySet()) {
            if (!zipped.contains(a)) {
                ordered.add(List.of(a));
            } else {
                groups.stream().filter(g -> g.get(0).equals(a)).forEach(ordered::add);
            }
        }
        return ordered;
    }

    private List<Cell> cells(String family, int replicates, long rootSeed, Map<String, String> fixed, Map<String, List<String>> axes,
                             List<List<String>> groups) {
        final int[] sizes = groups.stream().mapToInt(g -> axes.get(g.get(0)).size()).toArray();
        long total = 1;
        for (int s : sizes) {
            total *= s;
            if (total > 10_000_000) {
                throw bad("[axes]: more than 10^7 cells; split the sweep");
            }
        }
        final List<Cell> cells = new ArrayList<>();
        final int[] at = new int[sizes.length];
        for (int index = 0; index < total; index++) {
            final Map<String, String> axisValues = new LinkedHashMap<>();
            for (int g = 0; g < groups.size(); g++) {
                for (String a : groups.get(g)) {
                    axisValues.put(a, axes.get(a).get(at[g]));
                }
            }
            final Map<String, String> all = new LinkedHashMap<>(fixed);
            axes.keySet().forEach(a -> all.put(a, axisValues.get(a)));
            final String key = Cell.key(family, replicates, all);
            final long seed = Cell.seed(rootSeed, key);
            final List<String> args = new ArrayList<>();
            all.forEach((option, value) -> {
                if (Boolean.TRUE.equals(PlannedRun.isFlag(family, option))) {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw bad(where(option, fixed) + " = " + value + ": --" + option + " is a flag; allowed are true and false");
                    }
                    if (value.equals("true")) {
                        args.add("--" + option);
                    }
                } else {
                    args.add("--" + option);
                    args.add(value);
                }
            });
            args.addAll(List.of("--replicates", Integer.toString(replicates), "--seed", Long.toString(seed)));
            final Map<String, String> shown = new LinkedHashMap<>();
            axes.keySet().forEach(a -> shown.put(a, axisValues.get(a)));
            cells.add(new Cell(index, key, seed, shown, List.copyOf(args)));
            for (int g = sizes.length - 1; g >= 0; g--) {
                if (++at[g] < sizes[g]) {
                    break;
                }
                at[g] = 0;
            }
        }
        return cells;
    }

    private static String where(String option, Map<String, String> fixed) {
        return (fixed.containsKey(option) ? "options." : "axes.") + option;
    }

    /** @return the cell's failure to plan as a sweep-file error naming its axis values */
    static SweepFileException badCell(Sweep sweep, Cell cell, String message) {
        final StringBuilder b = new StringBuilder(sweep.file()).append(": cell ");
        cell.axisValues().forEach((k, v) -> b.append(k).append('=').append(v).append(' '));
        return new SweepFileException(b.append("is refused by collapse ").append(sweep.family()).append(": ").append(message).toString());
    }

    private SweepFileException bad(String message) {
        return new SweepFileException(name + ": " + message);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
