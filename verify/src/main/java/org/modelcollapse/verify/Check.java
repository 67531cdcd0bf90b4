package org.modelcollapse.verify;

/**
 * One row of a verification report: an observed Monte Carlo estimate against a closed form.
 *
 * @param id the SPEC §6 label and variant (e.g. "C2 exact n=10")
 * @param formula the closed form checked
 * @param expected its value
 * @param observed the Monte Carlo estimate
 * @param se the estimate's standard error
 * @param allowance extra tolerance for a stated approximation (0 for exact closed forms)
 */
public record Check(String id, String formula, double expected, double observed, double se, double allowance) {
    /** @return (observed - expected) / se */
    public double z() {
        return (observed - expected) / se;
    }

    /** @return true if |observed - expected| &lt;= zCritical se + allowance */
    public boolean passes(double zCritical) {
        return Math.abs(observed - expected) <= zCritical * se + allowance;
    }
}
