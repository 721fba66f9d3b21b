package org.zoninghub.sync.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zoninghub.sync.files.FileReadersGoldenTest.golden;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.zoninghub.spatial.formats.TextEncodings;

class CsvListReaderTest {

    static final FileReaders READERS = new FileReaders("2025.1", OffsetDateTime.parse("2025-06-30T09:00:00+08:00"));

    static final String CITY_BASIN = "层级,适用对象编码,适用对象名称,空间布局约束,污染物排放管控,环境风险防控,资源开发效率要求\r\n"
            + "市级,220400,辽源市,\"1.严格落实生态保护红线管控要求；\n2.禁止在饮用水水源保护区内新建排污口。\",1.实施重点污染物总量控制。,"
            + "1.强化环境风险应急联动。,1.落实最严格水资源管理制度。\r\n"
            + "流域,LIAOHE,辽河流域,1.东辽河干流两岸禁止新建化工项目。,1.城镇污水处理设施提标改造。,1.加强跨界断面水质监测。,"
            + "1.保障河道生态流量。\r\n";

    static FileImport read(byte[] bytes) {
        return READERS.read("lists.csv", bytes);
    }

    @Test
    void utf8WithBomUtf8AndGbkGiveTheSameRows() {
        String text = new String(golden("unit-lists.csv"), StandardCharsets.UTF_8);
        FileImport utf8 = read(text.getBytes(StandardCharsets.UTF_8));
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, withBom, 0, 3);
        System.arraycopy(body, 0, withBom, 3, body.length);
        FileImport utf8Bom = read(withBom);
        FileImport gbk = read(text.getBytes(TextEncodings.GBK));
        assertThat(utf8.defects()).isEmpty();
        assertThat(utf8.unitListRows()).hasSize(4);
        assertThat(utf8Bom.unitListRows()).isEqualTo(utf8.unitListRows());
        assertThat(gbk.unitListRows()).isEqualTo(utf8.unitListRows());
        assertThat(gbk.defects()).isEmpty();
    }

    @Test
    void theFallbackEncodingIsConfigurable() {
        String header = "层级,适用对象编码,适用对象名称,空间布局约束,污染物排放管控,环境风险防控,资源开发效率要求\r\n";
        String row = "市级,220400,辽源市,1.禁止。,1.控制。,1.防控。,1.节约。\r\n";
        byte[] gb18030 = (header + row).getBytes(java.nio.charset.Charset.forName("GB18030"));
        FileReaders readers =
                new FileReaders("2025", null, FileReaders.DEFAULT_CHARSET, java.nio.charset.Charset.forName("GB18030"));
        FileImport result = readers.read("lists.csv", gb18030);
        assertThat(result.defects()).isEmpty();
        assertThat(result.listItems().get(0).get("SYDXMC").asText()).isEqualTo("辽源市");
    }

    @Test
    void aCityAndBasinListWithMultiLineCellsAndCallerEdition() {
        FileImport result = read(CITY_BASIN.getBytes(StandardCharsets.UTF_8));
        assertThat(result.defects()).isEmpty();
        assertThat(result.counts()).isEqualTo(new FileImport.Counts(0, 2, 0, 0, 0));
        ObjectNode city = result.listItems().get(0);
        assertThat(city.get("CJ").asText()).isEqualTo("市级");
        assertThat(city.get("SYDXBM").asText()).isEqualTo("220400");
        assertThat(city.get("KJBJYS").asText()).isEqualTo("1.严格落实生态保护红线管控要求；\n2.禁止在饮用水水源保护区内新建排污口。");
        assertThat(city.get("BBH").asText()).isEqualTo("2025.1");
        assertThat(city.get("GXSJ").asText()).isEqualTo("2025-06-30T09:00:00+08:00");
        assertThat(city.has("ZT")).isFalse();
        assertThat(result.listItems().get(1).get("SYDXBM").asText()).isEqualTo("LIAOHE");
    }

    @Test
    void categoryLabelsBecomeDigitsAndLocalTimesGetTheChinaOffset() {
        String csv = "环境管控单元编码,环境管控单元名称,省,市,区县,管控单元分类,空间布局约束,污染物排放管控,环境风险防控,资源开发效率要求,版本号,"
                + "更新时间,状态\n"
                + "ZH22040220001,龙山区城镇重点管控单元,吉林省,辽源市,龙山区,重点管控单元,1.a,1.b,1.c,1.d,2025,2025-01-26,有效\n"
                + "ZH22040210001,龙山区水源,吉林省,辽源市,龙山区,1,1.a,1.b,1.c,1.d,2025,2025/1/26 8:30,废止\n"
                + "ZH22040230001,龙山区一般,吉林省,辽源市,龙山区,一般单元,1.a,1.b,1.c,1.d,2025,明天,有效\n";
        FileImport result = read(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(result.defects()).isEmpty();
        assertThat(result.unitListRows().get(0).get("ZHGKDYFL").intValue()).isEqualTo(2);
        assertThat(result.unitListRows().get(0).get("GXSJ").asText()).isEqualTo("2025-01-26T00:00:00+08:00");
        assertThat(result.unitListRows().get(1).get("ZHGKDYFL").intValue()).isEqualTo(1);
        assertThat(result.unitListRows().get(1).get("GXSJ").asText()).isEqualTo("2025-01-26T08:30:00+08:00");
        assertThat(result.unitListRows().get(1).get("ZT").asText()).isEqualTo("废止");
        // not a category or a time: kept as given for the provincial mapper to reject
        assertThat(result.unitListRows().get(2).get("ZHGKDYFL").asText()).isEqualTo("一般单元");
        assertThat(result.unitListRows().get(2).get("GXSJ").asText()).isEqualTo("明天");
    }

    @Test
    void unknownAndMissingHeadersAreNamed() {
        String csv = "层级,适用对象编码,备注,空间布局约束,污染物排放管控,环境风险防控\n市级,220400,x,1.a,1.b,1.c\n";
        FileImport result = read(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(result.listItems()).isEmpty();
        assertThat(result.defects())
                .extracting(d -> d.record() + ": " + d.reason())
                .containsExactly(
                        "header row 1: unknown column 备注 (column C) for a city/basin list; expected 层级, 适用对象编码,"
                                + " 适用对象名称, 空间布局约束, 污染物排放管控, 环境风险防控, 资源开发效率要求, and optionally 版本号,"
                                + " 更新时间, 状态",
                        "header row 1: missing required columns 适用对象名称, 资源开发效率要求 for a city/basin list");
    }

    @Test
    void aHeaderOfNeitherLayoutOrOfBothIsNamed() {
        FileImport neither = read("编号,名称\n1,a\n".getBytes(StandardCharsets.UTF_8));
        assertThat(neither.defects())
                .singleElement()
                .satisfies(d -> assertThat(d.reason())
                        .startsWith("names neither a unit-level list")
                        .endsWith("found: 编号, 名称"));
        FileImport both = read("环境管控单元编码,层级\n".getBytes(StandardCharsets.UTF_8));
        assertThat(both.defects())
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).startsWith("mixes unit-level"));
    }

    @Test
    void raggedRowsAreDefectsOfTheirRowAndBlankLinesAreNoRecords() {
        String csv = "层级,适用对象编码,适用对象名称,空间布局约束,污染物排放管控,环境风险防控,资源开发效率要求\n"
                + "市级,220400,辽源市,1.a,1.b,1.c,1.d\n"
                + "\n"
                + "流域,LIAOHE,辽河流域,1.a\n"
                + "流域,SONGHUA,松花江流域,1.a,1.b,1.c,1.d,多余\n";
        FileImport result = read(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(result.listItems()).hasSize(1);
        assertThat(result.defects())
                .extracting(d -> d.record() + ": " + d.reason())
                .containsExactly(
                        "row 3: has 4 cells but the header has 7",
                        "row 4: value in column H beyond the last header column");
    }

    @Test
    void undecodableFilesAreRejectedWithTheReason() {
        byte[] notText = {(byte) 0x81, (byte) 0x20, (byte) 0xFF, (byte) 0xFF};
        assertThat(read(notText).defects())
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("is neither valid UTF-8 nor valid GBK"));
        byte[] utf16 = "层级".getBytes(StandardCharsets.UTF_16);
        assertThat(read(utf16).defects())
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).startsWith("is UTF-16"));
        assertThat(read(new byte[0]).defects())
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("is empty"));
    }
}
