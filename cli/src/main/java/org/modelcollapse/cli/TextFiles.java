package org.modelcollapse.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Reads a user's text file as UTF-8 lines; every failure is one line naming the option, the file and what is wrong. */
final class TextFiles {
    private TextFiles() {}

    /**
     * @param option the option that named the file, for messages
     * @return the file's lines
     * @throws BadInputException if the file is missing, a folder, unreadable or not UTF-8 (with the byte offset)
     */
    static List<String> lines(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(option, file, "is a folder, not a file");
        }
        final byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(option, file, "no such file");
        } catch (AccessDeniedException e) {
            throw new BadInputException(option, file, "permission denied");
        } catch (IOException | OutOfMemoryError e) {
            throw new BadInputException(option, file, "cannot be read (" + e.getMessage() + ")");
        }
        return decode(option, file, bytes).lines().toList();
    }

    /** @return the text; a byte sequence that is not UTF-8 is reported with its offset */
    static String decode(String option, Path file, byte[] bytes) {
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        final ByteBuffer in = ByteBuffer.wrap(bytes);
        final CharBuffer out = CharBuffer.allocate(bytes.length);
        final CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new BadInputException(option, file, String.format(Locale.ROOT,
                    "is not UTF-8 text: byte 0x%02x at offset %d (line %d)", bytes[in.position()] & 0xff, in.position(), lineAt(bytes, in.position())));
        }
        decoder.flush(out);
        final String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text; // a byte-order mark is not content
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            line += bytes[i] == '\n' ? 1 : 0;
        }
        return line;
    }
}
