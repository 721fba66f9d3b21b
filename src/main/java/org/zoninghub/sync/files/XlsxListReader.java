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
import org.zoninghub.spatial.formats.ReadBudget;

/**
 * Reads an access list from the first sheet of an Excel workbook ({@code .xlsx}) with the headers of
 * {@link ListTable}.
 *
 * <p>The header row is the first row that names a known column (title rows above it are not records). Cells are read
 * by type, not as displayed: a number stays a whole number when it is one ({@code 220400}, never {@code 2.204E5}),
 * a date-formatted number is a date, a formula gives its cached result, and an error value ({@code #N/A}) is a
 * defect of its row. A merged range reads as its top-left cell in every row it covers, as a person sees it (a row
 * holding no cell of its own is not read). Columns beyond the 256th are not read.
 * Numbers are written in plain decimal notation, so an edition typed as the number {@code 2025.10} reads as
 * {@code 2025.1}: type editions as text.
 */
final class XlsxListReader {

    static final String FORMAT = "XLSX";
    private static final int HEADER_SEARCH_ROWS = 10;

    /** Columns read of a row: a list has fewer than twenty; cells further right are not read. */
    static final int MAX_COLUMNS = 256;

    private final String edition;
    private final java.time.OffsetDateTime updatedAt;
    private final FieldNames names;

    XlsxListReader(String edition, java.time.OffsetDateTime updatedAt, FieldNames names) {
        this.edition = edition;
        this.updatedAt = updatedAt;
        this.names = names;
    }

    FileImport read(String file, byte[] content, ReadBudget budget) {
        if (isOle2(content)) {
            return unreadable(file, "is an Excel 97–2003 (.xls) or other OLE2 file, not .xlsx; save it as .xlsx");
        }
        try {
            // POI inflates every part into memory: the parts are measured against the budget first
            ZipEntries.measure(content, budget);
        } catch (IOException | IllegalArgumentException e) {
            return unreadable(file, "is not an .xlsx workbook (" + e.getMessage() + ")");
        }
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
            return read(file, workbook, budget);
        } catch (IOException e) {
            return unreadable(file, "cannot be read as an .xlsx workbook: " + e.getMessage());
        }
    }

    private FileImport read(String file, XSSFWorkbook workbook, ReadBudget budget) {
        List<FileDefect> defects = new ArrayList<>();
        if (workbook.getNumberOfSheets() == 0) {
            return unreadable(file, "has no sheet");
        }
        Sheet sheet = workbook.getSheetAt(0);
        budget.records(
                sheet.getPhysicalNumberOfRows(), "the first sheet holds " + sheet.getPhysicalNumberOfRows() + " rows");
        List<CellRangeAddress> ranges = new ArrayList<>(sheet.getMergedRegions());
        budget.records(ranges.size(), "the first sheet holds " + ranges.size() + " merged ranges");
        Merged merged;
        try {
            merged = new Merged(ranges);
        } catch (IllegalArgumentException overlapping) {
            return unreadable(file, overlapping.getMessage());
        }
        // only rows that hold cells of their own are read (a row is never made of a merged range alone)
        List<Row> physical = new ArrayList<>();
        sheet.forEach(physical::add);
        physical.sort(java.util.Comparator.comparingInt(Row::getRowNum));
        int headerIndex = -1;
        int headerAt = -1;
        List<Object> headerCells = null;
        int searched = 0;
        for (int i = 0; i < physical.size() && searched < HEADER_SEARCH_ROWS; i++) {
            Row row = physical.get(i);
            List<Object> cells;
            try {
                cells = cells(row, merged, file, new ArrayList<>());
            } catch (IllegalArgumentException overlapping) {
                return unreadable(file, overlapping.getMessage());
            }
            if (cells.stream().allMatch(c -> c == null || c.toString().isBlank())) {
                continue;
            }
            if (headerCells == null) {
                headerIndex = row.getRowNum();
                headerAt = i;
                headerCells = cells;
            }
            if (ListTable.looksLikeHeader(texts(cells), names)) {
                headerIndex = row.getRowNum();
                headerAt = i;
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
        ListTable table = new ListTable(file, edition, updatedAt, names);
        ListTable.Layout layout = table.layout(texts(headerCells), headerIndex + 1, defects);
        if (layout == null) {
            return FileImport.rejected(file, FORMAT, defects);
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (int i = headerAt + 1; i < physical.size(); i++) {
            Row row = physical.get(i);
            int before = defects.size();
            List<Object> cells;
            try {
                cells = cells(row, merged, file, defects);
            } catch (IllegalArgumentException overlapping) {
                return unreadable(file, overlapping.getMessage());
            }
            if (defects.size() > before) {
                continue;
            }
            ObjectNode node = table.row(layout, row.getRowNum() + 1, cells, defects);
            if (node != null) {
                rows.add(node);
            }
        }
        return table.toImport(FORMAT, layout, rows, defects);
    }

    private static List<String> texts(List<Object> cells) {
        return cells.stream().map(c -> c == null ? "" : c.toString()).toList();
    }

    /**
     * The merged ranges of a sheet, looked up by range: rows are asked for in ascending order, and only the ranges
     * covering the current row are consulted (never expanded cell by cell, so {@code A1:XFD1048576} costs one range).
     * Columns past {@link #MAX_COLUMNS} are not read.
     */
    private static final class Merged {

        private final List<CellRangeAddress> byFirstRow;
        private final List<CellRangeAddress> active = new ArrayList<>();
        private final Map<CellRangeAddress, Object> values = new HashMap<>();
        private int next;

        Merged(List<CellRangeAddress> ranges) {
            byFirstRow = new ArrayList<>(ranges);
            byFirstRow.sort(java.util.Comparator.comparingInt(CellRangeAddress::getFirstRow));
        }

        /** The merged values of row {@code r} by column (null where no range covers), at most {@code MAX_COLUMNS}. */
        Object[] row(int r, Sheet sheet) {
            active.removeIf(range -> range.getLastRow() < r);
            while (next < byFirstRow.size() && byFirstRow.get(next).getFirstRow() <= r) {
                CellRangeAddress range = byFirstRow.get(next++);
                if (range.getLastRow() >= r) {
                    active.add(range);
                }
            }
            int width = 0;
            for (CellRangeAddress range : active) {
                if (range.getFirstColumn() < MAX_COLUMNS) {
                    width = Math.max(width, Math.min(range.getLastColumn() + 1, MAX_COLUMNS));
                }
            }
            Object[] out = new Object[width];
            boolean[] covered = new boolean[width];
            for (CellRangeAddress range : active) {
                if (range.getFirstColumn() >= MAX_COLUMNS) {
                    continue;
                }
                Object value = values.computeIfAbsent(range, k -> topLeft(k, sheet));
                for (int c = range.getFirstColumn(); c <= Math.min(range.getLastColumn(), MAX_COLUMNS - 1); c++) {
                    if (covered[c]) {
                        throw new IllegalArgumentException("has overlapping merged ranges at "
                                + ListTable.columnName(c) + (r + 1) + " (" + range.formatAsString()
                                + "); Excel never writes them");
                    }
                    covered[c] = true;
                    out[c] = value;
                }
            }
            return out;
        }

        private static Object topLeft(CellRangeAddress range, Sheet sheet) {
            Row top = sheet.getRow(range.getFirstRow());
            Cell cell = top == null ? null : top.getCell(range.getFirstColumn());
            try {
                return value(cell);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    private static List<Object> cells(Row row, Merged merged, String file, List<FileDefect> d) {
        int r = row.getRowNum();
        Object[] mergedValues = merged.row(r, row.getSheet());
        List<Object> cells = new ArrayList<>();
        int width = Math.min(MAX_COLUMNS, Math.max(Math.max(0, row.getLastCellNum()), mergedValues.length));
        for (int c = 0; c < width; c++) {
            if (c < mergedValues.length && mergedValues[c] != null) {
                cells.add(mergedValues[c]);
                continue;
            }
            try {
                cells.add(value(row.getCell(c)));
            } catch (IllegalArgumentException e) {
                d.add(new FileDefect(
                        file, "row " + (r + 1), "cell " + ListTable.columnName(c) + (r + 1) + " " + e.getMessage()));
                cells.add(null);
            }
        }
        return cells;
    }

    /** Whether the bytes start with the OLE2 compound document signature (an .xls workbook). */
    private static boolean isOle2(byte[] content) {
        byte[] signature = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        if (content.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (content[i] != signature[i]) {
                return false;
            }
        }
        return true;
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
