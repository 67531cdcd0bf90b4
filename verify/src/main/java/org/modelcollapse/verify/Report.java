package org.modelcollapse.verify;

import java.util.List;
import java.util.Locale;

/** Formats verification rows as a Markdown table with verdicts. */
public final class Report {
    private Report() {}

    /** @return the Markdown report: header, table, summary line */
    public static String markdown(String title, long seed, List<Check> rows) {
        final double z = VerificationRunner.criticalZ(rows.size());
        final StringBuilder sb = new StringBuilder();
        sb.append("# ").append(title).append("\n\n");
        sb.append(String.format(Locale.ROOT, "Seed %d. %d checks; each passes when |observed - expected| <= z se + allowance, "
                + "z = %.3f (family-wise false-alarm rate %.0e, Bonferroni).%n%n", seed, rows.size(), z, VerificationRunner.FAMILY_ALPHA));
        sb.append("| check | formula | expected | observed | SE | z | verdict |\n");
        sb.append("|---|---|---:|---:|---:|---:|---|\n");
        int passed = 0;
        for (Check c : rows) {
            final boolean ok = c.passes(z);
            passed += ok ? 1 : 0;
            // A deterministic row (SE 0) passes within its allowance alone: it has no z.
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.6g | %.6g | %.3g | %s | %s |%n", c.id(), c.formula(),
                    c.expected(), c.observed(), c.se(), c.se() > 0 ? String.format(Locale.ROOT, "%+.2f", c.z()) : "exact", ok ? "pass" : "FAIL"));
        }
        sb.append(String.format(Locale.ROOT, "%n%d passed, %d failed%n", passed, rows.size() - passed));
        return sb.toString();
    }

    /** @return true if every row passes at the report's critical z */
    public static boolean allPass(List<Check> rows) {
        final double z = VerificationRunner.criticalZ(rows.size());
        return rows.stream().allMatch(c -> c.passes(z));
    }
}
