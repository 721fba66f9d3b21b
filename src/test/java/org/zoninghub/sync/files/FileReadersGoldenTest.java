package org.zoninghub.sync.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Geometry;
import org.zoninghub.spatial.GeoJsonGeometries;
import org.zoninghub.sync.Delivery;
import org.zoninghub.sync.ProvincialMapper;
import org.zoninghub.zoning.Jurisdiction;

/**
 * The readers against files GDAL wrote from one GeoJSON source (see golden/README.md): every Shapefile variant and
 * the projected GeoJSON give the source's features, and the XLSX gives the CSV's rows.
 */
class FileReadersGoldenTest {

    static final double TOLERANCE = 1e-7;
    static final FileReaders READERS = new FileReaders(null, null);

    static byte[] golden(String name) {
        try (InputStream in = FileReadersGoldenTest.class.getResourceAsStream("golden/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FileImport source() {
        FileImport source = READERS.read("units.geojson", golden("units.geojson"));
        assertThat(source.defects()).isEmpty();
        return source;
    }

    @Test
    void theSourceHoldsFourUnitsWithAHoleAndAMultipart() {
        FileImport source = source();
        assertThat(source.format()).isEqualTo("GeoJSON");
        assertThat(source.counts()).isEqualTo(new FileImport.Counts(4, 0, 0, 0, 0));
        Geometry withHole = GeoJsonGeometries.read(source.unitFeatures().get(0).get("geometry"));
        Geometry multipart = GeoJsonGeometries.read(source.unitFeatures().get(2).get("geometry"));
        assertThat(withHole.getGeometryType()).isEqualTo("Polygon");
        assertThat(((org.locationtech.jts.geom.Polygon) withHole).getNumInteriorRing())
                .isEqualTo(1);
        assertThat(multipart.getGeometryType()).isEqualTo("MultiPolygon");
        assertThat(multipart.getNumGeometries()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"units.zip", "units-cm126e-utf8.zip", "units-geographic.zip"})
    void everyShapefileVariantGivesTheSourceFeatures(String zip) {
        FileImport shapefile = READERS.read(zip, golden(zip));
        assertThat(shapefile.defects()).isEmpty();
        assertThat(shapefile.format()).isEqualTo("Shapefile");
        assertSameFeatures(shapefile.unitFeatures(), source().unitFeatures());
    }

    @Test
    void aGbkDbfWithoutCpgIsReadAsGbkByDefault() {
        Map<String, byte[]> entries = new LinkedHashMap<>(ShapefileFixture.unzip(golden("units.zip")));
        assertThat(new String(entries.remove("units.cpg"), StandardCharsets.US_ASCII))
                .isEqualTo("GBK");
        FileImport shapefile = READERS.read("units.zip", ShapefileFixture.zip(entries));
        assertThat(shapefile.defects()).isEmpty();
        assertSameFeatures(shapefile.unitFeatures(), source().unitFeatures());
    }

    @Test
    void aUtf8DbfWithoutItsCpgIsNotMistakenForGbkText() {
        Map<String, byte[]> entries = new LinkedHashMap<>(ShapefileFixture.unzip(golden("units-cm126e-utf8.zip")));
        entries.remove("units-cm126e/units.cpg");
        FileImport shapefile = READERS.read("units.zip", ShapefileFixture.zip(entries));
        // UTF-8 bytes read as GBK either fail to decode (reported) or give other characters: never the source texts
        if (shapefile.defects().isEmpty()) {
            assertThat(shapefile
                            .unitFeatures()
                            .get(0)
                            .at("/properties/HJGKDYMC")
                            .asText())
                    .isNotEqualTo("龙山区饮用水水源保护区优先保护单元");
        } else {
            assertThat(shapefile.defects())
                    .anySatisfy(d -> assertThat(d.reason()).contains("is not valid GBK"));
        }
    }

    @Test
    void aGeoJsonInZone42WithACrsMemberIsTransformedBackToTheSource() {
        FileImport projected = READERS.read("units-epsg4530.geojson", golden("units-epsg4530.geojson"));
        assertThat(projected.defects()).isEmpty();
        assertSameFeatures(projected.unitFeatures(), source().unitFeatures());
    }

    @Test
    void theXlsxRowsEqualTheCsvRows() {
        FileImport csv = READERS.read("unit-lists.csv", golden("unit-lists.csv"));
        FileImport xlsx = READERS.read("unit-lists.xlsx", golden("unit-lists.xlsx"));
        assertThat(csv.defects()).isEmpty();
        assertThat(xlsx.defects()).isEmpty();
        assertThat(csv.counts()).isEqualTo(new FileImport.Counts(0, 0, 4, 0, 0));
        assertThat(xlsx.unitListRows()).isEqualTo(csv.unitListRows());
    }

    @Test
    void theListRowsCarryTheSourcePropertiesOfEachUnit() {
        FileImport csv = READERS.read("unit-lists.csv", golden("unit-lists.csv"));
        List<ObjectNode> features = source().unitFeatures();
        for (int i = 0; i < features.size(); i++) {
            JsonNode p = features.get(i).get("properties");
            ObjectNode row = csv.unitListRows().get(i);
            row.fieldNames()
                    .forEachRemaining(
                            field -> assertThat(row.get(field)).as(field).isEqualTo(p.get(field)));
            assertThat(row.size()).isEqualTo(12);
        }
        assertThat(csv.unitListRows().get(0).get("HJFXFK").asText()).isEqualTo("1.建立水源地突发环境事件应急预案；\n2.定期开展风险隐患排查。");
    }

    @Test
    void theProvincialMapperAcceptsTheShapefileFeatures() {
        FileImport shapefile = READERS.read("units.zip", golden("units.zip"));
        Delivery delivery = new ProvincialMapper(Jurisdiction.liaoyuan())
                .map(new ArrayList<JsonNode>(shapefile.unitFeatures()), List.of(), false);
        assertThat(delivery.rejected()).isEmpty();
        assertThat(delivery.units()).hasSize(4);
        assertThat(delivery.units().get(2).geometry().getNumGeometries()).isEqualTo(2);
    }

    @Test
    void editionAndTimeFromTheCallerAreNotUsedWhenTheTableHasThem() {
        FileReaders readers = new FileReaders("2025.9", OffsetDateTime.parse("2030-01-01T00:00:00+08:00"));
        FileImport csv = readers.read("unit-lists.csv", golden("unit-lists.csv"));
        assertThat(csv.unitListRows().get(0).get("BBH").asText()).isEqualTo("2025");
        assertThat(csv.unitListRows().get(0).get("GXSJ").asText()).isEqualTo("2025-01-26T00:00:00+08:00");
    }

    /** Same codes in the same order, same properties, same geometries after normalisation within 1e-7°. */
    static void assertSameFeatures(List<ObjectNode> actual, List<ObjectNode> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            ObjectNode a = actual.get(i);
            ObjectNode e = expected.get(i);
            String code = e.at("/properties/HJGKDYBM").asText();
            assertThat(a.get("id").asText())
                    .as("id of %s", code)
                    .isEqualTo(e.get("id").asText());
            assertThat(a.get("properties")).as("properties of %s", code).isEqualTo(e.get("properties"));
            Geometry ga = GeoJsonGeometries.read(a.get("geometry")).norm();
            Geometry ge = GeoJsonGeometries.read(e.get("geometry")).norm();
            assertThat(ga.getGeometryType()).as("type of %s", code).isEqualTo(ge.getGeometryType());
            assertThat(ga.equalsExact(ge, TOLERANCE))
                    .as("geometry of %s within 1e-7°:%n%s%n%s", code, ga, ge)
                    .isTrue();
        }
    }
}
