package org.modelcollapse.experiment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run will hold in memory, estimated before it starts from its parameters, so that a run
 * too large for the JVM is refused at once instead of failing with an OutOfMemoryError hours later.
 * Terms are named by the parameter that drives them ("replicates", "states", "samples", "dim",
 * "generations"); an array longer than Java allows makes the run impossible whatever the memory.
 */
public final class MemoryEstimate {
    /** The longest Java array (HotSpot refuses a few entries below Integer.MAX_VALUE). */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final Map<String, Double> terms = new LinkedHashMap<>();
    private String impossible;

    /**
     * Adds bytes driven by a parameter.
     *
     * @param parameter the parameter that drives them
     * @return this
     */
    public MemoryEstimate add(String parameter, double bytes) {
        terms.merge(parameter, bytes, Double::sum);
        return this;
    }

    /**
     * Adds one array of {@code elements} entries of {@code bytesPerElement} bytes (times {@code copies}).
     *
     * @param what the array, for the message if it cannot exist
     * @return this
     */
    public MemoryEstimate array(String parameter, String what, double elements, int bytesPerElement, double copies) {
        if (elements > MAX_ARRAY && impossible == null) {
            impossible = String.format(java.util.Locale.ROOT, "%s would need an array of %.3g entries, more than Java's largest (2^31 - 1)", what, elements);
        }
        return add(parameter, elements * bytesPerElement * copies + 16 * copies);
    }

    /** @return the estimated bytes */
    public double bytes() {
        double total = 0;
        for (double b : terms.values()) {
            total += b;
        }
        return total;
    }

    /** @return the parameter behind the largest term, or null if there is none */
    public String largest() {
        String best = null;
        double most = -1;
        for (Map.Entry<String, Double> e : terms.entrySet()) {
            if (e.getValue() > most) {
                most = e.getValue();
                best = e.getKey();
            }
        }
        return best;
    }

    /** @return why the run cannot be held in any heap (an array beyond Java's limit), or null */
    public String impossible() {
        return impossible;
    }
}
