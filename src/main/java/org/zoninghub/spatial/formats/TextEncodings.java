package org.zoninghub.spatial.formats;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;

/** Text encodings of inbound files: the names a {@code .cpg} file gives, and detecting the encoding of a CSV file. */
public final class TextEncodings {

    /** The encoding Chinese GIS and office software write when nothing says otherwise. */
    public static final Charset GBK = Charset.forName("GBK");

    /** A decoded text and the encoding it was decoded with. */
    public record Decoded(String text, Charset charset, boolean bom) {}

    private TextEncodings() {}

    /**
     * The charset a {@code .cpg} file names: {@code UTF-8}, {@code UTF8}, {@code 65001}; {@code GBK}, {@code CP936},
     * {@code 936}, {@code MS936}, {@code GB2312} (read as GBK, its superset, since writers that say GB2312 often
     * store GBK characters); {@code GB18030}, {@code 54936}; a Windows code page number ({@code 1252} as
     * {@code windows-1252}); {@code ANSI 936} forms; or any other name Java knows. Empty when the name is unknown.
     */
    public static Optional<Charset> ofCpg(String cpg) {
        String name = cpg.strip().toUpperCase(Locale.ROOT).replaceFirst("^ANSI\\s+", "");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        switch (name) {
            case "UTF-8", "UTF8", "65001":
                return Optional.of(StandardCharsets.UTF_8);
            case "GBK", "CP936", "936", "MS936", "MS_936", "WINDOWS-936", "GB2312", "GB_2312-80", "EUC-CN":
                return Optional.of(GBK);
            case "GB18030", "54936":
                return Optional.of(Charset.forName("GB18030"));
            default:
                break;
        }
        try {
            if (name.matches("\\d{3,5}")) {
                return Optional.of(Charset.forName(name.startsWith("8859") ? "ISO-" + name : "windows-" + name));
            }
            return Optional.of(Charset.forName(name));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    /**
     * Decodes a text file: a UTF-8 byte order mark means UTF-8; otherwise UTF-8 if the bytes are valid UTF-8;
     * otherwise the fallback (GBK by default). Decoding is strict, so a text is never read with replacement
     * characters.
     *
     * @throws CharacterCodingException with a message naming what the bytes are not
     */
    public static Decoded decode(byte[] bytes, Charset fallback) throws CharacterCodingException {
        if (bytes.length >= 2
                && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                        || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw new EncodingException("is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8 or GBK");
        }
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            try {
                return new Decoded(strict(bytes, 3, StandardCharsets.UTF_8), StandardCharsets.UTF_8, true);
            } catch (CharacterCodingException e) {
                throw new EncodingException("starts with a UTF-8 byte order mark but is not valid UTF-8");
            }
        }
        try {
            return new Decoded(strict(bytes, 0, StandardCharsets.UTF_8), StandardCharsets.UTF_8, false);
        } catch (CharacterCodingException notUtf8) {
            try {
                return new Decoded(strict(bytes, 0, fallback), fallback, false);
            } catch (CharacterCodingException notFallback) {
                throw new EncodingException("is neither valid UTF-8 nor valid " + fallback.name());
            }
        }
    }

    private static String strict(byte[] bytes, int offset, Charset charset) throws CharacterCodingException {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                .toString();
    }

    /** An undecodable text, with a message that says why. */
    public static final class EncodingException extends CharacterCodingException {
        private final String message;

        EncodingException(String message) {
            this.message = message;
        }

        @Override
        public String getMessage() {
            return message;
        }
    }
}
