package org.zoninghub.sync.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.function.Consumer;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxListReaderTest {

    static final FileReaders READERS = new FileReaders("2025", OffsetDateTime.parse("2025-01-26T00:00:00+08:00"));
    static final String[] SCOPE_HEADERS = {"层级", "适用对象编码", "适用对象名称", "空间布局约束", "污染物排放管控", "环境风险防控", "资源开发效率要求"};

    static byte[] workbook(Workbook wb, Consumer<Sheet> fill) {
        try (wb) {
            fill.accept(wb.createSheet("清单"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void row(Sheet sheet, int index, Object... values) {
        Row row = sheet.createRow(index);
        for (int c = 0; c < values.length; c++) {
            if (values[c] instanceof Number n) {
                row.createCell(c).setCellValue(n.doubleValue());
            } else if (values[c] != null) {
                row.createCell(c).setCellValue(values[c].toString());
            }
        }
    }

    @Test
    void numericCodeCellsStayWholeNumbersAndATitleRowIsSkipped() {
        byte[] xlsx = workbook(new XSSFWorkbook(), sheet -> {
            row(sheet, 0, "辽源市生态环境准入清单（市级、流域）");
            row(sheet, 1, (Object[]) SCOPE_HEADERS);
            row(sheet, 2, "市级", 220400, "辽源市", "1.a\n2.b", "1.b", "1.c", "1.d");
            row(sheet, 3, "流域", "SONGHUA", "松花江流域", "1.a", "1.b", "1.c", "1.d");
        });
        FileImport result = READERS.read("lists.xlsx", xlsx);
        assertThat(result.defects()).isEmpty();
        assertThat(result.format()).isEqualTo("XLSX");
        assertThat(result.listItems()).hasSize(2);
        ObjectNode city = result.listItems().get(0);
        assertThat(city.get("SYDXBM").isTextual()).isTrue();
        assertThat(city.get("SYDXBM").asText()).isEqualTo("220400");
        assertThat(city.get("KJBJYS").asText()).isEqualTo("1.a\n2.b");
        assertThat(city.get("BBH").asText()).isEqualTo("2025");
        assertThat(city.get("GXSJ").asText()).isEqualTo("2025-01-26T00:00:00+08:00");
    }

    @Test
    void plainNumbersHaveNoExponent() {
        assertThat(XlsxListReader.plain(220402.0)).isEqualTo("220402");
        assertThat(XlsxListReader.plain(2.2040210001E10)).isEqualTo("22040210001");
        assertThat(XlsxListReader.plain(2025.1)).isEqualTo("2025.1");
        assertThat(XlsxListReader.plain(1.0)).isEqualTo("1");
    }

    @Test
    void dateCellsMergedCellsAndCategoryNumbers() {
        byte[] xlsx = workbook(new XSSFWorkbook(), sheet -> {
            row(
                    sheet,
                    0,
                    "环境管控单元编码",
                    "环境管控单元名称",
                    "省",
                    "市",
                    "区县",
                    "管控单元分类",
                    "空间布局约束",
                    "污染物排放管控",
                    "环境风险防控",
                    "资源开发效率要求",
                    "版本号",
                    "更新时间");
            row(sheet, 1, "ZH22040210001", "甲", "吉林省", "辽源市", "龙山区", 1, "1.a", "1.b", "1.c", "1.d", "2025.10");
            row(sheet, 2, "ZH22040220001", "乙", null, null, "龙山区", "重点管控单元", "1.a", "1.b", "1.c", "1.d", "2025.10");
            sheet.addMergedRegion(new CellRangeAddress(1, 2, 2, 2));
            sheet.addMergedRegion(new CellRangeAddress(1, 2, 3, 3));
            CellStyle date = sheet.getWorkbook().createCellStyle();
            date.setDataFormat(
                    sheet.getWorkbook().getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            for (int r = 1; r <= 2; r++) {
                var cell = sheet.getRow(r).createCell(11);
                cell.setCellValue(LocalDateTime.of(2025, 1, 26, 8, 30));
                cell.setCellStyle(date);
            }
        });
        FileImport result = READERS.read("units.xlsx", xlsx);
        assertThat(result.defects()).isEmpty();
        assertThat(result.unitListRows()).hasSize(2);
        ObjectNode second = result.unitListRows().get(1);
        assertThat(second.get("PROV").asText()).isEqualTo("吉林省");
        assertThat(second.get("CITY").asText()).isEqualTo("辽源市");
        assertThat(second.get("ZHGKDYFL").intValue()).isEqualTo(2);
        assertThat(result.unitListRows().get(0).get("ZHGKDYFL").intValue()).isEqualTo(1);
        assertThat(second.get("BBH").asText()).isEqualTo("2025.10");
        assertThat(second.get("GXSJ").asText()).isEqualTo("2025-01-26T08:30:00+08:00");
    }

    @Test
    void anErrorCellIsADefectOfItsRow() {
        byte[] xlsx = workbook(new XSSFWorkbook(), sheet -> {
            row(sheet, 0, (Object[]) SCOPE_HEADERS);
            row(sheet, 1, "市级", "220400", "辽源市", "1.a", "1.b", "1.c", "1.d");
            sheet.getRow(1).getCell(4).setCellErrorValue(FormulaError.NA.getCode());
            row(sheet, 2, "流域", "LIAOHE", "辽河流域", "1.a", "1.b", "1.c", "1.d");
        });
        FileImport result = READERS.read("lists.xlsx", xlsx);
        assertThat(result.listItems()).hasSize(1);
        assertThat(result.defects())
                .extracting(d -> d.record() + ": " + d.reason())
                .containsExactly("row 2: cell E2 holds the error #N/A");
    }

    @Test
    void anUnknownHeaderIsNamed() {
        byte[] xlsx = workbook(new XSSFWorkbook(), sheet -> {
            row(sheet, 0, "环境管控单元编码", "环境管控单元名称", "省", "市", "区县", "单元类型", "空间布局约束", "污染物排放管控", "环境风险防控", "资源开发效率要求");
        });
        FileImport result = READERS.read("units.xlsx", xlsx);
        assertThat(result.defects())
                .extracting(FileDefect::reason)
                .anySatisfy(r -> assertThat(r).startsWith("unknown column 单元类型 (column F) for a unit-level list"))
                .anySatisfy(r -> assertThat(r).isEqualTo("missing required column 管控单元分类 for a unit-level list"));
    }

    @Test
    void unreadableWorkbooksAreRejectedWithTheReason() {
        FileImport garbage = READERS.read("units.xlsx", "这不是工作簿".getBytes(StandardCharsets.UTF_8));
        assertThat(garbage.defects()).singleElement().satisfies(d -> {
            assertThat(d.record()).isEqualTo("units.xlsx");
            assertThat(d.reason()).contains("xlsx");
        });
        byte[] xls = workbook(new HSSFWorkbook(), sheet -> row(sheet, 0, (Object[]) SCOPE_HEADERS));
        FileImport renamed = READERS.read("units.xlsx", xls);
        assertThat(renamed.defects())
                .singleElement()
                .satisfies(d -> assertThat(d.reason())
                        .isEqualTo("is an Excel 97–2003 (.xls) or other OLE2 file, not .xlsx; save it as .xlsx"));
        FileImport empty = READERS.read("units.xlsx", workbook(new XSSFWorkbook(), sheet -> {}));
        assertThat(empty.defects())
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("the first sheet \"清单\" is empty"));
    }
}
