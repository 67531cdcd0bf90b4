package org.modelcollapse.lm;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * An ordered list of documents, the text a language-model chain starts from (issue 15 §1).
 *
 * <p>{@link #read(Path)} takes
 * <ul>
 * <li>a file whose name ends in {@code .zip} (any case): every entry that is not a folder is a document, named by its
 * entry name, in the order of those names ({@link String#compareTo});</li>
 * <li>any other file: one document, named by the file's name;</li>
 * <li>a folder: every regular file under it, at any depth, is a document, named by its path relative to the folder with
 * {@code /} between the parts, in the order of those names.</li>
 * </ul>
 * In a folder and in a zip, files and folders whose name begins with {@code .} (such as {@code .git}, {@code .DS_Store})
 * are skipped, and so is a zip's {@code __MACOSX/} folder. Every document is read as UTF-8, strictly: a file holding a
 * NUL byte is refused as "not a text file", and one that is not well-formed UTF-8 as "not UTF-8 text". A document with
 * no text (empty, or only white space, control and format characters: {@link Tokeniser#isSeparator}) is left out; a
 * corpus left with no document is refused as "contains no text". Every refusal is an {@link IllegalArgumentException}
 * whose one-line message begins with the file's path (a zip entry as {@code zip!/entry}).
 */
public final class Corpus {
    private final String label;
    private final List<Document> documents;

    private Corpus(String label, List<Document> documents) {
        this.label = label;
        this.documents = documents;
    }

    /**
     * @param label where the documents came from, for messages and the manifest
     * @param documents Not modified; their order is kept; those with no text are left out
     * @return the corpus of those documents
     * @throws IllegalArgumentException if two documents share a name, or none has text
     */
    public static Corpus of(String label, List<Document> documents) {
        final List<Document> kept = new ArrayList<>(documents.size());
        final Set<String> names = new HashSet<>();
        for (Document d : documents) {
            if (!names.add(d.name())) {
                throw new IllegalArgumentException(label + ": two documents are named " + d.name());
            }
            if (hasText(d.text())) {
                kept.add(d);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException(label + ": contains no text");
        }
        return new Corpus(label, List.copyOf(kept));
    }

    /**
     * Reads a file, a folder or a zip by the rules of the class comment.
     *
     * @throws IllegalArgumentException if the path does not exist or its content is refused
     * @throws IOException if reading fails
     */
    public static Corpus read(Path path) throws IOException {
        final String label = path.toString();
        if (Files.isDirectory(path)) {
            return readFolder(path, label);
        }
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(label + ": no such file or folder");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(label + ": not a file or folder");
        }
        final Path fileName = path.getFileName();
        final String name = fileName == null ? label : fileName.toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            try (InputStream in = Files.newInputStream(path)) {
                return readZip(in, label);
            }
        }
        return of(label, List.of(new Document(name, decode(Files.readAllBytes(path), label))));
    }

    /**
     * Reads a zip from a stream (the CLI's vendored corpus is a class-path resource) by the rules of the class comment.
     *
     * @param in Not closed
     * @param label the zip's name in messages
     * @throws IllegalArgumentException if the stream is not a zip or its content is refused
     * @throws IOException if reading fails
     */
    public static Corpus readZip(InputStream in, String label) throws IOException {
        final BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(4);
        final byte[] magic = buffered.readNBytes(4);
        buffered.reset();
        if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K' || !(magic[2] == 3 && magic[3] == 4 || magic[2] == 5 && magic[3] == 6)) {
            throw new IllegalArgumentException(label + ": not a zip file");
        }
        final List<Document> out = new ArrayList<>();
        final ZipInputStream zip = new ZipInputStream(buffered, StandardCharsets.UTF_8);
        for (ZipEntry e = nextEntry(zip, label); e != null; e = nextEntry(zip, label)) {
            final String name = e.getName();
            if (!e.isDirectory() && !hiddenInZip(name)) {
                final byte[] bytes;
                try {
                    bytes = zip.readAllBytes();
                } catch (ZipException | EOFException x) { // EOF: a truncated zip
                    throw unreadable(label, x);
                }
                out.add(new Document(name, decode(bytes, label + "!/" + name)));
            }
        }
        out.sort(Comparator.comparing(Document::name));
        return of(label, out);
    }

    /** @return where the documents came from (the path read, or the label given) */
    public String label() {
        return label;
    }

    /** @return the documents, in order; unmodifiable */
    public List<Document> documents() {
        return documents;
    }

    /** @return the number of documents */
    public int size() {
        return documents.size();
    }

    private static Corpus readFolder(Path root, String label) throws IOException {
        final List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.equals(root) || !hidden(dir) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!hidden(file) && Files.isRegularFile(file)) { // follows a link to a file; links to folders are not walked
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        final List<Document> out = new ArrayList<>(files.size());
        for (Path file : files) {
            final StringBuilder name = new StringBuilder();
            for (Path part : root.relativize(file)) {
                name.append(name.isEmpty() ? "" : "/").append(part);
            }
            out.add(new Document(name.toString(), decode(Files.readAllBytes(file), file.toString())));
        }
        out.sort(Comparator.comparing(Document::name));
        return of(label, out);
    }

    private static ZipEntry nextEntry(ZipInputStream zip, String label) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (ZipException | IllegalArgumentException e) { // the latter: an entry name that is not UTF-8
            throw unreadable(label, e);
        }
    }

    private static IllegalArgumentException unreadable(String label, Exception e) {
        return new IllegalArgumentException(label + ": not a readable zip file (" + e.getMessage() + ")", e);
    }

    private static boolean hidden(Path p) {
        final Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static boolean hiddenInZip(String entry) {
        for (String part : entry.split("/")) {
            if (part.startsWith(".") || part.equals("__MACOSX")) {
                return true;
            }
        }
        return false;
    }

    /** @return the bytes as text, or a refusal naming {@code where} */
    private static String decode(byte[] bytes, String where) {
        for (byte b : bytes) {
            if (b == 0) {
                throw new IllegalArgumentException(where + ": not a text file (it holds a NUL byte)");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(where + ": not UTF-8 text", e);
        }
    }

    private static boolean hasText(String text) {
        for (int i = 0; i < text.length(); ) {
            final int cp = text.codePointAt(i);
            if (!Tokeniser.isSeparator(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }
}
