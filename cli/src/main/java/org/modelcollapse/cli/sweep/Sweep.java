package org.modelcollapse.cli.sweep;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A checked sweep file.
 *
 * @param file the file's name, for messages and the manifest
 * @param sha256 the file's SHA-256, hex
 * @param text the file's text, copied beside the results
 * @param family the family's subcommand name
 * @param rootSeed the root seed every cell's seed derives from
 * @param replicates replicates per cell
 * @param everyGeneration true to store every generation's summary rows, false for the quantile band's generations
 * @param axes the axes, in the file's order, each with its values (canonical strings)
 * @param cells every cell, in enumeration order
 */
public record Sweep(String file, String sha256, String text, String family, long rootSeed, int replicates, boolean everyGeneration,
                    Map<String, List<String>> axes, List<Cell> cells) implements Serializable {}
