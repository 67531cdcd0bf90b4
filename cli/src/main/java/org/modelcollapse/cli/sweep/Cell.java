package org.modelcollapse.cli.sweep;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One cell of a sweep: the family's arguments for one combination of axis values.
 *
 * @param index the cell's position in the sweep file's enumeration (for display and table order only)
 * @param key the cell's identity: the family, every option and its value sorted by name, and the replicates;
 *     independent of the cell's position, so that adding an axis value leaves the other cells' keys alone
 * @param seed the cell's root seed, derived from the sweep's root seed and {@link #key} ({@link #seed(long, String)})
 * @param axisValues the value of each axis, in the file's axis order
 * @param args the family's command-line arguments
 */
public record Cell(int index, String key, long seed, Map<String, String> axisValues, List<String> args) implements Serializable {
    /**
     * @param options every option of the cell (fixed and axis) and its canonical value
     * @return the cell's key: {@code family replicates=R option=value ...}, options sorted by name
     */
    static String key(String family, int replicates, Map<String, String> options) {
        final StringBuilder b = new StringBuilder(family).append(" replicates=").append(replicates);
        new TreeMap<>(options).forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }

    /**
     * The cell's seed: the first 8 bytes (big-endian) of SHA-256 over the root seed's decimal digits, a
     * newline and the key. A function of the parameters alone, so a cell's results do not depend on the
     * other cells of the sweep.
     */
    static long seed(long rootSeed, String key) {
        try {
            final MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return ByteBuffer.wrap(sha.digest((rootSeed + "\n" + key).getBytes(StandardCharsets.UTF_8))).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
