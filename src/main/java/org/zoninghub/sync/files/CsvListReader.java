package org.zoninghub.sync.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.zoninghub.spatial.formats.ReadBudget;
import org.zoninghub.spatial.formats.TextEncodings;

/**
 * Reads an access list from a CSV file (RFC 4180: comma separated, double quotes, quoted cells may span lines, as
 * clause texts with line breaks do) with the headers of {@link ListTable}; the first record is the header.
 *
 * <p>Encoding: a UTF-8 byte order mark means UTF-8; otherwise the file is UTF-8 if its bytes are valid UTF-8, and
 * the fallback encoding (GBK, as Excel saves "CSV" on Chinese Windows) if not. Row numbers in defects count records
 * with the header as row 1, as a spreadsheet shows them; blank lines are not records.
 */
final class CsvListReader {

    static final String FORMAT = "CSV";

    private final String edition;
    private final OffsetDateTime updatedAt;
    private final Charset fallback;
    private final FieldNames names;

    CsvListReader(String edition, OffsetDateTime updatedAt, Charset fallback, FieldNames names) {
        this.edition = edition;
        this.updatedAt = updatedAt;
        this.fallback = fallback;
        this.names = names;
    }

    FileImport read(String file, byte[] content, ReadBudget budget) {
        budget.bytes(content.length, "the file");
        TextEncodings.Decoded decoded;
        try {
            decoded = TextEncodings.decode(content, fallback);
        } catch (CharacterCodingException e) {
            return FileImport.rejected(file, FORMAT, List.of(FileDefect.ofFile(file, e.getMessage())));
        }
        List<CSVRecord> records = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(decoded.text()), format)) {
            for (CSVRecord record : parser) {
                budget.records(1, "the file holds more rows");
                if (record.size() > XlsxListReader.MAX_COLUMNS) {
                    return FileImport.rejected(
                            file,
                            FORMAT,
                            List.of(FileDefect.ofFile(
                                    file,
                                    "row " + record.getRecordNumber() + " has " + record.size()
                                            + " cells; a list has at" + " most " + XlsxListReader.MAX_COLUMNS
                                            + " columns")));
                }
                records.add(record);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return FileImport.rejected(
                    file, FORMAT, List.of(FileDefect.ofFile(file, "is not well-formed CSV: " + e.getMessage())));
        }
        if (records.isEmpty()) {
            return FileImport.rejected(file, FORMAT, List.of(FileDefect.ofFile(file, "is empty")));
        }
        List<FileDefect> defects = new ArrayList<>();
        ListTable table = new ListTable(file, edition, updatedAt, names);
        ListTable.Layout layout = table.layout(records.get(0).toList(), 1, defects);
        if (layout == null) {
            return FileImport.rejected(file, FORMAT, defects);
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<Object> cells = new ArrayList<>(records.get(i).toList());
            int width = records.get(0).size();
            boolean blank = cells.stream().allMatch(c -> c.toString().isBlank());
            if (!blank && cells.size() < width) {
                defects.add(new FileDefect(
                        file, "row " + (i + 1), "has " + cells.size() + " cells but the header has " + width));
                continue;
            }
            ObjectNode node = table.row(layout, i + 1, cells, defects);
            if (node != null) {
                rows.add(node);
            }
        }
        return table.toImport(FORMAT, layout, rows, defects);
    }
}
