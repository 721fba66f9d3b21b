package org.zoninghub.dataset;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes the dataset's files byte for byte the same on every run: hand-written JSON with a fixed member order and
 * coordinates with exactly seven decimals, CSV in UTF-8 with a byte-order mark (so that spreadsheet programs read the
 * Chinese headers), and XLSX whose document dates and zip entry times are fixed.
 */
final class DatasetFiles {

    /** Version and update time of the 2025 plan, as the provincial platform would report them. */
    static final String EDITION = "2025";

    static final String UPDATED = "2025-01-26T00:00:00+08:00";

    private static final JsonStringEncoder JSON = JsonStringEncoder.getInstance();

    private DatasetFiles() {}

    // ---- JSON -----------------------------------------------------------------------------------------------

    /** A JSON string literal; non-ASCII characters are written as they are (UTF-8). */
    static String quote(String s) {
        return "\"" + new String(JSON.quoteAsString(s)) + "\"";
    }

    /** An object of properties in their insertion order; values are strings, numbers or null. */
    static String object(Map<String, ?> members) {
        StringBuilder json = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, ?> member : members.entrySet()) {
            if (!first) {
                json.append(", ");
            }
            first = false;
            json.append(quote(member.getKey())).append(": ").append(value(member.getValue()));
        }
        return json.append('}').toString();
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number) {
            return v.toString();
        }
        return quote(v.toString());
    }

    /** A GeoJSON MultiPolygon geometry, coordinates compact with seven decimals. */
    static String multiPolygon(MultiPolygon geometry) {
        StringBuilder json = new StringBuilder("{\"type\": \"MultiPolygon\", \"coordinates\": [");
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Polygon polygon = (Polygon) geometry.getGeometryN(i);
            json.append(i == 0 ? "[" : ",[");
            ring(json, polygon.getExteriorRing());
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                json.append(',');
                ring(json, polygon.getInteriorRingN(h));
            }
            json.append(']');
        }
        return json.append("]}").toString();
    }

    private static void ring(StringBuilder json, LineString ring) {
        json.append('[');
        Coordinate[] coordinates = ring.getCoordinates();
        for (int i = 0; i < coordinates.length; i++) {
            json.append(i == 0 ? "[" : ",[")
                    .append(decimal7(coordinates[i].x))
                    .append(',')
                    .append(decimal7(coordinates[i].y))
                    .append(']');
        }
        json.append(']');
    }

    /** A grid coordinate with exactly seven decimals. */
    static String decimal7(double v) {
        return BigDecimal.valueOf(v).setScale(7, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * A FeatureCollection, one feature per line: id, properties, then geometry. {@code extraMembers} are appended
     * after {@code features} (e.g. the paging members of the provincial API).
     */
    static String featureCollection(List<Feature> features, Map<String, ?> extraMembers) {
        StringBuilder json = new StringBuilder("{\"type\": \"FeatureCollection\",\n\"features\": [\n");
        for (int i = 0; i < features.size(); i++) {
            Feature f = features.get(i);
            json.append("{\"type\": \"Feature\", ");
            if (f.id() != null) {
                json.append("\"id\": ").append(quote(f.id())).append(", ");
            }
            json.append("\"properties\": ")
                    .append(object(f.properties()))
                    .append(", \"geometry\": ")
                    .append(multiPolygon(f.geometry()))
                    .append(i < features.size() - 1 ? "},\n" : "}\n");
        }
        json.append("]");
        extraMembers.forEach(
                (k, v) -> json.append(",\n").append(quote(k)).append(": ").append(value(v)));
        return json.append("\n}\n").toString();
    }

    /** A GeoJSON feature to write. */
    record Feature(String id, Map<String, ?> properties, MultiPolygon geometry) {}

    /** {@code {"items": [...], "nextPageToken": null}}, one member of an item per line. */
    static String items(List<Map<String, ?>> items) {
        StringBuilder json = new StringBuilder("{\"items\": [\n");
        for (int i = 0; i < items.size(); i++) {
            json.append("  {");
            boolean first = true;
            for (Map.Entry<String, ?> member : items.get(i).entrySet()) {
                json.append(first ? "\n" : ",\n");
                first = false;
                json.append("    ").append(quote(member.getKey())).append(": ").append(value(member.getValue()));
            }
            json.append(i < items.size() - 1 ? "\n  },\n" : "\n  }\n");
        }
        return json.append("],\n\"nextPageToken\": null\n}\n").toString();
    }

    static void writeText(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    // ---- tables ---------------------------------------------------------------------------------------------

    /** A CSV file in UTF-8 with a byte-order mark, CRLF line ends (RFC 4180), quoting only where needed. */
    static void writeCsv(Path file, List<String> headers, List<List<String>> rows) throws IOException {
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        try (CSVPrinter csv = new CSVPrinter(
                out,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader(headers.toArray(String[]::new))
                        .get())) {
            for (List<String> row : rows) {
                csv.printRecord(row);
            }
        }
        writeText(file, out.toString());
    }

    /** An XLSX workbook of one sheet: a bold header row, text cells wrapped, fixed document dates. */
    static void writeXlsx(Path file, String sheetName, List<String> headers, List<List<String>> rows, int[] widths)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            POIXMLProperties.CoreProperties core = workbook.getProperties().getCoreProperties();
            Date fixed = Date.from(OffsetDateTime.parse(UPDATED).toInstant());
            core.setCreated(Optional.of(fixed));
            core.setModified(Optional.of(fixed));
            core.setCreator("zoning-hub");
            core.setTitle(sheetName);

            Sheet sheet = workbook.createSheet(sheetName);
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle headerStyle = workbook.createCellStyle();
            headerStyle.setFont(bold);
            CellStyle textStyle = workbook.createCellStyle();
            textStyle.setWrapText(true);

            Row header = sheet.createRow(0);
            for (int c = 0; c < headers.size(); c++) {
                header.createCell(c).setCellValue(headers.get(c));
                header.getCell(c).setCellStyle(headerStyle);
                sheet.setColumnWidth(c, widths[c] * 256);
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                List<String> values = rows.get(r);
                for (int c = 0; c < values.size(); c++) {
                    row.createCell(c).setCellValue(values.get(c));
                    row.getCell(c).setCellStyle(textStyle);
                }
            }
            sheet.createFreezePane(0, 1);
            workbook.write(bytes);
        }
        Files.write(file, withFixedEntryTimes(bytes.toByteArray()));
    }

    /** The same zip with every entry dated the plan's date, so that the archive does not depend on the clock. */
    private static byte[] withFixedEntryTimes(byte[] zip) throws IOException {
        LocalDateTime fixed = LocalDateTime.of(2025, 1, 26, 0, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                ZipOutputStream zipOut = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTimeLocal(fixed);
                zipOut.putNextEntry(copy);
                in.transferTo(zipOut);
                zipOut.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** A map from alternating keys and values, in order. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
