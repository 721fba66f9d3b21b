package org.zoninghub.sync.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.EmptyFileException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads an access list from the first sheet of an Excel workbook ({@code .xlsx}) with the headers of
 * {@link ListTable}.
 *
 * <p>The header row is the first row that names a known column (title rows above it are not records). Cells are read
 * by type, not as displayed: a number stays a whole number when it is one ({@code 220400}, never {@code 2.204E5}),
 * a date-formatted number is a date, a formula gives its cached result, and an error value ({@code #N/A}) is a
 * defect of its row. A merged range reads as its top-left cell in every row it covers, as a person sees it.
 * Numbers are written in plain decimal notation, so an edition typed as the number {@code 2025.10} reads as
 * {@code 2025.1}: type editions as text.
 */
final class XlsxListReader {

    static final String FORMAT = "XLSX";
    private static final int HEADER_SEARCH_ROWS = 10;

    private final String edition;
    private final java.time.OffsetDateTime updatedAt;

    XlsxListReader(String edition, java.time.OffsetDateTime updatedAt) {
        this.edition = edition;
        this.updatedAt = updatedAt;
    }

    FileImport read(String file, byte[] content) {
        XSSFWorkbook workbook;
        try {
            workbook = new XSSFWorkbook(new ByteArrayInputStream(content));
        } catch (OLE2NotOfficeXmlFileException e) {
            return unreadable(file, "is an Excel 97–2003 (.xls) or other OLE2 file, not .xlsx; save it as .xlsx");
        } catch (NotOfficeXmlFileException | EmptyFileException e) {
            return unreadable(file, "is not an .xlsx workbook (" + e.getMessage() + ")");
        } catch (IOException | RuntimeException e) {
            return unreadable(file, "cannot be read as an .xlsx workbook: " + e.getMessage());
        }
        try (workbook) {
            return read(file, workbook);
        } catch (IOException e) {
            return unreadable(file, "cannot be read as an .xlsx workbook: " + e.getMessage());
        }
    }

    private FileImport read(String file, XSSFWorkbook workbook) {
        List<FileDefect> defects = new ArrayList<>();
        if (workbook.getNumberOfSheets() == 0) {
            return unreadable(file, "has no sheet");
        }
        Sheet sheet = workbook.getSheetAt(0);
        Map<Long, Object> merged = mergedValues(sheet);
        int first = sheet.getFirstRowNum();
        int last = sheet.getLastRowNum();
        int headerIndex = -1;
        List<Object> headerCells = null;
        int searched = 0;
        for (int r = Math.max(first, 0); r <= last && searched < HEADER_SEARCH_ROWS; r++) {
            List<Object> cells = cells(sheet, r, merged, file, new ArrayList<>());
            if (cells.stream().allMatch(c -> c == null || c.toString().isBlank())) {
                continue;
            }
            if (headerCells == null) {
                headerIndex = r;
                headerCells = cells;
            }
            if (ListTable.looksLikeHeader(texts(cells))) {
                headerIndex = r;
                headerCells = cells;
                break;
            }
            searched++;
        }
        if (headerCells == null) {
            return FileImport.rejected(
                    file,
                    FORMAT,
                    List.of(FileDefect.ofFile(file, "the first sheet \"" + sheet.getSheetName() + "\" is empty")));
        }
        ListTable table = new ListTable(file, edition, updatedAt);
        ListTable.Layout layout = table.layout(texts(headerCells), headerIndex + 1, defects);
        if (layout == null) {
            return FileImport.rejected(file, FORMAT, defects);
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (int r = headerIndex + 1; r <= last; r++) {
            int before = defects.size();
            List<Object> cells = cells(sheet, r, merged, file, defects);
            if (defects.size() > before) {
                continue;
            }
            ObjectNode node = table.row(layout, r + 1, cells, defects);
            if (node != null) {
                rows.add(node);
            }
        }
        boolean unit = layout.level() == ListTable.Level.UNIT;
        return new FileImport(file, FORMAT, List.of(), unit ? List.of() : rows, unit ? rows : List.of(), defects, 0);
    }

    private static List<String> texts(List<Object> cells) {
        return cells.stream().map(c -> c == null ? "" : c.toString()).toList();
    }

    private static Map<Long, Object> mergedValues(Sheet sheet) {
        Map<Long, Object> values = new HashMap<>();
        for (CellRangeAddress range : sheet.getMergedRegions()) {
            Row top = sheet.getRow(range.getFirstRow());
            Cell cell = top == null ? null : top.getCell(range.getFirstColumn());
            Object value;
            try {
                value = value(cell);
            } catch (IllegalArgumentException e) {
                continue;
            }
            for (int r = range.getFirstRow(); r <= range.getLastRow(); r++) {
                for (int c = range.getFirstColumn(); c <= range.getLastColumn(); c++) {
                    values.put(key(r, c), value);
                }
            }
        }
        return values;
    }

    private static long key(int row, int column) {
        return ((long) row << 20) | column;
    }

    private static List<Object> cells(Sheet sheet, int r, Map<Long, Object> merged, String file, List<FileDefect> d) {
        Row row = sheet.getRow(r);
        List<Object> cells = new ArrayList<>();
        int width = row == null ? 0 : Math.max(0, row.getLastCellNum());
        for (long k : merged.keySet()) {
            if ((int) (k >>> 20) == r) {
                width = Math.max(width, (int) (k & 0xFFFFF) + 1);
            }
        }
        for (int c = 0; c < width; c++) {
            Long k = key(r, c);
            if (merged.containsKey(k)) {
                cells.add(merged.get(k));
                continue;
            }
            try {
                cells.add(value(row == null ? null : row.getCell(c)));
            } catch (IllegalArgumentException e) {
                d.add(new FileDefect(
                        file, "row " + (r + 1), "cell " + ListTable.columnName(c) + (r + 1) + " " + e.getMessage()));
                cells.add(null);
            }
        }
        return cells;
    }

    /** A cell as {@link String}, {@link LocalDateTime} or null. */
    private static Object value(Cell cell) {
        if (cell == null) {
            return null;
        }
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) {
            type = cell.getCachedFormulaResultType();
        }
        return switch (type) {
            case STRING -> cell.getRichStringCellValue().getString();
            case NUMERIC -> {
                if (DateUtil.isCellDateFormatted(cell)) {
                    yield cell.getLocalDateTimeCellValue();
                }
                yield plain(cell.getNumericCellValue());
            }
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR ->
                throw new IllegalArgumentException("holds the error "
                        + FormulaError.forInt(cell.getErrorCellValue()).getString());
            default -> null;
        };
    }

    /** A number in plain decimal notation, without exponent or trailing zeros: 220400, 2025.1. */
    static String plain(double number) {
        BigDecimal d = BigDecimal.valueOf(number).stripTrailingZeros();
        return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
    }

    private static FileImport unreadable(String file, String reason) {
        return FileImport.rejected(file, FORMAT, List.of(FileDefect.ofFile(file, reason)));
    }
}
