package org.modelcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The vendored corpora (issue 15 §1; bin/fetch-corpora re-fetches and checks them against npm): every entry of each zip
 * has the SHA-256 its SHA256SUMS lists, and no file is missing or extra, so that a run on a machine without network reads
 * exactly the published texts.
 */
class VendoredCorporaTest {
    @Test
    void theDefaultCorpusIsThePublishedText() throws Exception {
        try (InputStream zip = getClass().getResourceAsStream("/corpora/sotu-0.2.3.zip");
             InputStream sums = getClass().getResourceAsStream("/corpora/sotu-0.2.3.SHA256SUMS")) {
            assertEquals(parse(new String(sums.readAllBytes(), StandardCharsets.US_ASCII)), hashes(zip), "sotu-0.2.3.zip");
        }
    }

    @Test
    void theTestCorpusIsThePublishedText() throws Exception {
        final Path dir = Path.of("..", "engine", "src", "test", "resources", "corpora");
        try (InputStream zip = Files.newInputStream(dir.resolve("moby-dick-0.2.3.zip"))) {
            assertEquals(parse(Files.readString(dir.resolve("moby-dick-0.2.3.SHA256SUMS"))), hashes(zip), "moby-dick-0.2.3.zip");
        }
    }

    /** @return file name to hex SHA-256, from {@code sha256sum}'s lines */
    private static Map<String, String> parse(String sums) {
        final Map<String, String> out = new TreeMap<>();
        sums.lines().filter(l -> !l.isBlank()).forEach(l -> out.put(l.substring(66), l.substring(0, 64)));
        return out;
    }

    private static Map<String, String> hashes(InputStream zip) throws IOException, NoSuchAlgorithmException {
        final Map<String, String> out = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(zip)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())));
            }
        }
        return out;
    }
}
