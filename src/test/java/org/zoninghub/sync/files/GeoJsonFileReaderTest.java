package org.zoninghub.sync.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GeoJsonFileReaderTest {

    static final FileReaders READERS = new FileReaders(null, null);

    static FileImport read(String json) {
        return READERS.read("units.geojson", json.getBytes(StandardCharsets.UTF_8));
    }

    static String collection(String crs, String coordinates) {
        return "{\"type\":\"FeatureCollection\"," + (crs == null ? "" : "\"crs\":" + crs + ",")
                + "\"features\":[{\"type\":\"Feature\",\"id\":\"ZH22040210001\",\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":" + coordinates + "},\"properties\":{\"HJGKDYBM\":\"ZH22040210001\","
                + "\"HJGKDYMC\":\"测试\"}}]}";
    }

    static final String LONLAT = "[[[125.1,42.8],[125.2,42.8],[125.2,42.9],[125.1,42.8]]]";
    static final String PROJECTED = "[[[42500000,4750000],[42501000,4750000],[42501000,4751000],[42500000,4750000]]]";

    @Test
    void anUnacceptedCrsRejectsTheFile() {
        FileImport result = read(
                collection("{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::3857\"}}", LONLAT));
        assertThat(result.unitFeatures()).isEmpty();
        assertThat(result.defects())
                .singleElement()
                .satisfies(d -> assertThat(d.reason())
                        .startsWith(
                                "declares the CRS {\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::3857\"}},"
                                        + " which is not accepted"));
    }

    @Test
    void geographicCrsNamesAreTakenAsTheyAre() {
        for (String name : new String[] {"EPSG:4490", "urn:ogc:def:crs:EPSG::4326", "urn:ogc:def:crs:OGC:1.3:CRS84"}) {
            FileImport result =
                    read(collection("{\"type\":\"name\",\"properties\":{\"name\":\"" + name + "\"}}", LONLAT));
            assertThat(result.defects()).as(name).isEmpty();
            assertThat(result.unitFeatures()
                            .get(0)
                            .at("/geometry/coordinates/0/0/0")
                            .asDouble())
                    .isEqualTo(125.1);
        }
    }

    @Test
    void aDeclaredZoneIsTransformedAndTheOldEpsgFormIsRead() {
        FileImport result = read(collection("{\"type\":\"EPSG\",\"properties\":{\"code\":4530}}", PROJECTED));
        assertThat(result.defects()).isEmpty();
        double lon =
                result.unitFeatures().get(0).at("/geometry/coordinates/0/0/0").asDouble();
        double lat =
                result.unitFeatures().get(0).at("/geometry/coordinates/0/0/1").asDouble();
        assertThat(lon).isBetween(125.9, 126.0);
        assertThat(lat).isBetween(42.8, 42.95);
        assertThat(result.unitFeatures().get(0).at("/properties/HJGKDYMC").asText())
                .isEqualTo("测试");
    }

    @Test
    void undeclaredProjectedCoordinatesPassUntouchedForTheGeometryChecks() {
        FileImport result = read(collection(null, PROJECTED));
        assertThat(result.defects()).isEmpty();
        assertThat(result.unitFeatures()
                        .get(0)
                        .at("/geometry/coordinates/0/0/0")
                        .asDouble())
                .isEqualTo(42500000);
    }

    @Test
    void aBrokenGeometryUnderADeclaredZoneIsADefectOfItsFeature() {
        FileImport result = read(collection(
                "{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4551\"}}",
                "[[[500000,4750000],[500100,4750000]]]"));
        assertThat(result.unitFeatures()).isEmpty();
        assertThat(result.defects()).singleElement().satisfies(d -> {
            assertThat(d.record()).isEqualTo("feature #1 (ZH22040210001)");
            assertThat(d.reason()).startsWith("geometry cannot be transformed from EPSG:4551");
        });
    }

    @Test
    void otherDocumentsAreNamed() {
        assertThat(read("{\"type\":\"Feature\"}").defects())
                .singleElement()
                .satisfies(
                        d -> assertThat(d.reason()).startsWith("is a Feature, expected a GeoJSON FeatureCollection"));
        assertThat(read("[1,2]").defects())
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).startsWith("is not a JSON object"));
        assertThat(read("{\"type\":").defects())
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).startsWith("is not JSON"));
        FileImport notAFeature = read("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Polygon\"}]}");
        assertThat(notAFeature.defects())
                .extracting(d -> d.record() + ": " + d.reason())
                .containsExactly("feature #1: is not a GeoJSON Feature");
    }

    @Test
    void aListDocumentGivesListItems() {
        FileImport result = READERS.read(
                "lists.json",
                ("{\"items\":[{\"CJ\":\"市级\",\"SYDXBM\":\"220400\",\"SYDXMC\":\"辽源市\",\"KJBJYS\":\"1.a\"}],"
                                + "\"nextPageToken\":null}")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(result.defects()).isEmpty();
        assertThat(result.listItems())
                .singleElement()
                .satisfies(i -> assertThat(i.get("SYDXBM").asText()).isEqualTo("220400"));
    }
}
