package org.zoninghub.spatial.formats;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a dBASE III table ({@code .dbf}) as Shapefiles carry their attributes: the header, the field descriptors and
 * the records with their deleted flag. Field types: C (text), N and F (numbers), D (dates, {@code YYYYMMDD}) and L
 * (logical); any other type (e.g. M, memo, whose text lies in a {@code .dbt} file) is a defect of the file.
 *
 * <p>Text is decoded strictly in the given charset: bytes that are not valid in it make a defect of the record
 * rather than replacement characters. Trailing spaces and NUL bytes (the padding) are removed.
 *
 * <p>A C field holds at most 254 bytes in dBASE III. Like GDAL (shapelib), a C field's width is read as its length
 * byte plus 256 × its decimal-count byte, so the wider text fields some writers produce are read whole. A text that
 * fills a field of 254 bytes or more exactly was probably cut by its writer; {@link Field#filledBy} lets the caller
 * report it.
 */
public final class DbfFile {

    /** A field descriptor; {@code length} in bytes. */
    public record Field(String name, char type, int length, int decimals) {

        /** Whether a text of {@code bytes} bytes fills this C field of 254 bytes or more, so may have been cut. */
        public boolean filledBy(int bytes) {
            return type == 'C' && length >= 254 && bytes >= length;
        }
    }

    /**
     * One record. Values are {@link String}, {@link Long}, {@link BigDecimal}, {@link LocalDate}, {@link Boolean} or
     * null (blank); {@code textBytes} holds the stored length of each C value, for the truncation check.
     *
     * @param index 1-based record index
     * @param problems why some values could not be read (the record is then not usable)
     */
    public record Row(
            int index,
            boolean deleted,
            Map<String, Object> values,
            Map<String, Integer> textBytes,
            List<String> problems) {}

    /** The fields and records of a table. */
    public record Table(List<Field> fields, List<Row> rows) {}

    /** A defect of the whole {@code .dbf} file. */
    public static final class DbfException extends Exception {
        DbfException(String message) {
            super(message);
        }
    }

    private DbfFile() {}

    public static Table read(byte[] bytes, Charset charset) throws DbfException {
        return read(bytes, charset, ReadBudget.standard());
    }

    /** The number of records the header declares, without reading them; -1 when the file is too short. */
    public static long declaredRecords(byte[] bytes) {
        if (bytes.length < 33) {
            return -1;
        }
        return Integer.toUnsignedLong(
                ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(4));
    }

    /**
     * Reads a table, charging its declared record count to the budget before any record is built.
     *
     * @throws ReadBudget.Exceeded when the table declares more records than the budget allows
     */
    public static Table read(byte[] bytes, Charset charset, ReadBudget budget) throws DbfException {
        if (bytes.length < 33) {
            throw new DbfException("is " + bytes.length + " bytes long, too short for a dBASE header");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long recordCount = Integer.toUnsignedLong(in.getInt(4));
        int headerLength = Short.toUnsignedInt(in.getShort(8));
        int recordLength = Short.toUnsignedInt(in.getShort(10));
        if (headerLength < 33 || headerLength > bytes.length) {
            throw new DbfException("has an invalid header length " + headerLength);
        }
        List<Field> fields = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        int sum = 1;
        for (int at = 32; at + 32 <= headerLength && bytes[at] != 0x0D; at += 32) {
            int nameEnd = at;
            while (nameEnd < at + 11 && bytes[nameEnd] != 0) {
                nameEnd++;
            }
            String name = new String(bytes, at, nameEnd - at, charset).strip();
            char type = (char) (bytes[at + 11] & 0xFF);
            int length = bytes[at + 16] & 0xFF;
            int decimals = bytes[at + 17] & 0xFF;
            if (type == 'C') {
                length += 256 * decimals;
                decimals = 0;
            }
            if (length == 0) {
                throw new DbfException(
                        "declares the field " + name + " of width 0; every field holds at least one byte");
            }
            if ("CNFDL".indexOf(type) < 0) {
                unsupported.add(name + " (type " + type + ")");
            }
            fields.add(new Field(name, type, length, decimals));
            sum += length;
        }
        if (!unsupported.isEmpty()) {
            throw new DbfException("has fields of types this reader does not support: " + String.join(", ", unsupported)
                    + " (supported: C, N, F, D, L)");
        }
        if (fields.isEmpty()) {
            throw new DbfException("declares no fields");
        }
        if (sum != recordLength) {
            throw new DbfException("declares records of " + recordLength + " bytes but its fields add up to " + sum);
        }
        long available = (bytes.length - headerLength) / Math.max(1, recordLength);
        if (available < recordCount) {
            throw new DbfException("declares " + recordCount + " records but holds only " + available);
        }
        budget.records(recordCount, "the .dbf declares " + recordCount + " records");
        List<Row> rows = new ArrayList<>();
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        for (int r = 0; r < recordCount; r++) {
            int at = headerLength + r * recordLength;
            boolean deleted = bytes[at] == '*';
            List<String> problems = new ArrayList<>();
            if (!deleted && bytes[at] != ' ') {
                problems.add("record flag 0x" + Integer.toHexString(bytes[at] & 0xFF)
                        + " is neither ' ' (valid) nor '*' (deleted)");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, Integer> textBytes = new LinkedHashMap<>();
            int pos = at + 1;
            for (Field f : fields) {
                try {
                    values.put(f.name(), value(bytes, pos, f, decoder, textBytes));
                } catch (IllegalArgumentException e) {
                    values.put(f.name(), null);
                    problems.add("field " + f.name() + ": " + e.getMessage());
                }
                pos += f.length();
            }
            rows.add(new Row(r + 1, deleted, values, textBytes, problems));
        }
        return new Table(List.copyOf(fields), rows);
    }

    private static Object value(
            byte[] bytes, int pos, Field f, CharsetDecoder decoder, Map<String, Integer> textBytes) {
        int end = pos + f.length();
        if (f.type() == 'C') {
            while (end > pos && (bytes[end - 1] == ' ' || bytes[end - 1] == 0)) {
                end--;
            }
            textBytes.put(f.name(), end - pos);
            if (end == pos) {
                return null;
            }
            try {
                CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes, pos, end - pos));
                return chars.toString();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException(
                        "text is not valid " + decoder.charset().name()
                                + " (check the .cpg file, or the encoding the import assumes when there is none)");
            }
        }
        String raw = new String(bytes, pos, f.length(), java.nio.charset.StandardCharsets.ISO_8859_1).strip();
        raw = raw.replace("\0", "");
        if (raw.isEmpty()) {
            return null;
        }
        return switch (f.type()) {
            case 'N', 'F' -> number(raw);
            case 'D' -> date(raw);
            case 'L' -> logical(raw);
            default -> throw new IllegalArgumentException("unsupported type " + f.type());
        };
    }

    private static Object number(String raw) {
        if (raw.chars().allMatch(c -> c == '*')) {
            throw new IllegalArgumentException("number overflowed its field (" + raw + ")");
        }
        BigDecimal d;
        try {
            d = new BigDecimal(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + raw + "\" is not a number");
        }
        BigDecimal stripped = d.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            return stripped.longValueExact();
        }
        return d;
    }

    private static LocalDate date(String raw) {
        if (raw.equals("00000000")) {
            return null;
        }
        if (!raw.matches("\\d{8}")) {
            throw new IllegalArgumentException("\"" + raw + "\" is not a date (YYYYMMDD)");
        }
        try {
            return LocalDate.of(
                    Integer.parseInt(raw.substring(0, 4)),
                    Integer.parseInt(raw.substring(4, 6)),
                    Integer.parseInt(raw.substring(6, 8)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("\"" + raw + "\" is not a date (YYYYMMDD)");
        }
    }

    private static Boolean logical(String raw) {
        return switch (raw) {
            case "T", "t", "Y", "y" -> Boolean.TRUE;
            case "F", "f", "N", "n" -> Boolean.FALSE;
            case "?" -> null;
            default -> throw new IllegalArgumentException("\"" + raw + "\" is not a logical value (T, F, Y, N or ?)");
        };
    }
}
