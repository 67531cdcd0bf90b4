package org.modelcollapse.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a file, a folder and a zip, and the exact refusals. */
class CorpusTest {
    @TempDir
    Path dir;

    private static final byte[] BAD_UTF8 = {'a', (byte) 0xC3, '(', 'b'};

    private Path write(String relative, byte[] bytes) throws IOException {
        final Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    private Path write(String relative, String text) throws IOException {
        return write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] zip(String... namesAndTexts) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndTexts.length; i += 2) {
                out.putNextEntry(new ZipEntry(namesAndTexts[i]));
                if (namesAndTexts[i + 1] != null) {
                    out.write(namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String refusal(Path p) {
        return assertThrows(IllegalArgumentException.class, () -> Corpus.read(p)).getMessage();
    }

    private static List<String> names(Corpus c) {
        return c.documents().stream().map(Document::name).toList();
    }

    @Test
    void aFileIsOneDocument() throws IOException {
        final Path p = write("speech.txt", "Fellow-Citizens ’ of the Senate\nand House.\n");
        final Corpus c = Corpus.read(p);
        assertEquals(List.of(new Document("speech.txt", "Fellow-Citizens ’ of the Senate\nand House.\n")), c.documents());
        assertEquals(p.toString(), c.label());
        assertEquals(1, c.size());
    }

    @Test
    void aFolderIsEveryVisibleFileByRelativePath() throws IOException {
        write("b.txt", "bee");
        write("a/z.txt", "zed");
        write("a/b/c.txt", "sea");
        write("a.txt", "ay");
        write("blank.txt", " \n\t ");
        write(".DS_Store", new byte[] {0, 1, 2});
        write(".git/HEAD", "ref");
        write("a/.hidden.txt", "no");
        final Corpus c = Corpus.read(dir);
        assertEquals(List.of("a.txt", "a/b/c.txt", "a/z.txt", "b.txt"), names(c));
        assertEquals("sea", c.documents().get(1).text());
    }

    @Test
    void aZipIsEveryFileEntryByName() throws IOException {
        final byte[] bytes = zip("b.txt", "bee", "a/", null, "a/c.txt", "sea", "__MACOSX/a/._c.txt", "junk", ".x", "no", "a.txt", "ay",
                "empty.txt", "");
        final Path p = write("corpus.ZIP", bytes);
        assertEquals(List.of("a.txt", "a/c.txt", "b.txt"), names(Corpus.read(p)));
        final Corpus fromStream = Corpus.readZip(new ByteArrayInputStream(bytes), "/corpora/x.zip");
        assertEquals(Corpus.read(p).documents(), fromStream.documents());
        assertEquals("/corpora/x.zip", fromStream.label());
    }

    @Test
    void aNulByteIsNotText() throws IOException {
        final Path p = write("image.png", new byte[] {'P', 'N', 'G', 0, 'x'});
        assertEquals(p + ": not a text file (it holds a NUL byte)", refusal(p));
        write("folder/a.txt", "fine");
        final Path inFolder = write("folder/sub/b.bin", new byte[] {'a', 0});
        assertEquals(inFolder + ": not a text file (it holds a NUL byte)", refusal(dir.resolve("folder")));
    }

    @Test
    void malformedUtf8IsRefused() throws IOException {
        final Path p = write("latin1.txt", BAD_UTF8);
        assertEquals(p + ": not UTF-8 text", refusal(p));
        write("folder/a.txt", "fine");
        final Path inFolder = write("folder/b.txt", BAD_UTF8);
        assertEquals(inFolder + ": not UTF-8 text", refusal(dir.resolve("folder")));
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("d/bad.txt"));
            out.write(BAD_UTF8);
            out.closeEntry();
        }
        final Path zip = write("c.zip", bytes.toByteArray());
        assertEquals(zip + "!/d/bad.txt: not UTF-8 text", refusal(zip));
        assertEquals(p + ": not UTF-8 text", refusal(write("latin1.txt", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1))));
        assertEquals(p + ": not UTF-8 text", refusal(write("latin1.txt", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}))); // a surrogate
    }

    @Test
    void noTextIsRefused() throws IOException {
        final Path empty = write("empty.txt", new byte[0]);
        assertEquals(empty + ": contains no text", refusal(empty));
        final Path blank = write("blank.txt", " \n\u00A0\u0002\uFEFF\t");
        assertEquals(blank + ": contains no text", refusal(blank));
        final Path folder = Files.createDirectories(dir.resolve("folder"));
        assertEquals(folder + ": contains no text", refusal(folder));
        write("folder/.hidden", "text");
        write("folder/blank.txt", "  ");
        assertEquals(folder + ": contains no text", refusal(folder));
        final Path zip = write("blank.zip", zip("a/", null, "b.txt", "\n\n"));
        assertEquals(zip + ": contains no text", refusal(zip));
        final Path noEntries = write("none.zip", zip());
        assertEquals(noEntries + ": contains no text", refusal(noEntries));
    }

    @Test
    void otherRefusals() throws IOException {
        final Path missing = dir.resolve("missing.txt");
        assertEquals(missing + ": no such file or folder", refusal(missing));
        final Path notZip = write("fake.zip", "just text");
        assertEquals(notZip + ": not a zip file", refusal(notZip));
        assertEquals("x.zip: not a zip file",
                assertThrows(IllegalArgumentException.class, () -> Corpus.readZip(new ByteArrayInputStream(new byte[0]), "x.zip")).getMessage());
        final StringBuilder noise = new StringBuilder();
        final java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 5000; i++) {
            noise.append((char) ('a' + random.nextInt(26)));
        }
        final byte[] whole = zip("a.txt", noise.toString());
        final Path truncated = write("truncated.zip", java.util.Arrays.copyOf(whole, whole.length / 2));
        assertEquals(truncated + ": not a readable zip file (", refusal(truncated).replaceAll("\\(.*", "("));
        assertEquals("mem: two documents are named a",
                assertThrows(IllegalArgumentException.class, () -> Corpus.of("mem", List.of(new Document("a", "x"), new Document("a", "y"))))
                        .getMessage());
        assertEquals("mem: contains no text",
                assertThrows(IllegalArgumentException.class, () -> Corpus.of("mem", List.of(new Document("a", " ")))).getMessage());
    }

    @Test
    void ofKeepsTheOrderAndLeavesOutDocumentsWithoutText() {
        final Corpus c = Corpus.of("mem", List.of(new Document("z", "zed"), new Document("blank", "\n"), new Document("a", "ay")));
        assertEquals(List.of("z", "a"), names(c));
    }
}
