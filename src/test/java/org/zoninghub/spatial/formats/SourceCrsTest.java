package org.zoninghub.spatial.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.zoninghub.spatial.Geographic;

class SourceCrsTest {

    static final String GCS = "GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\","
            + "SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],"
            + "UNIT[\"Degree\",0.0174532925199433]]";

    static String esri(String name, String method, double cm, double fe) {
        return "PROJCS[\"" + name + "\"," + GCS + ",PROJECTION[\"" + method + "\"],PARAMETER[\"False_Easting\"," + fe
                + "],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\"," + cm
                + "],PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";
    }

    static final String EPSG_WKT1_ZONE_42 = "PROJCS[\"CGCS2000 / 3-degree Gauss-Kruger zone 42\","
            + "GEOGCS[\"China Geodetic Coordinate System 2000\",DATUM[\"China_2000\","
            + "SPHEROID[\"CGCS2000\",6378137,298.257222101,AUTHORITY[\"EPSG\",\"1024\"]],AUTHORITY[\"EPSG\",\"1043\"]],"
            + "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433],AUTHORITY[\"EPSG\",\"4490\"]],"
            + "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],"
            + "PARAMETER[\"central_meridian\",126],PARAMETER[\"scale_factor\",1],"
            + "PARAMETER[\"false_easting\",42500000],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1],"
            + "AXIS[\"Northing\",NORTH],AXIS[\"Easting\",EAST],AUTHORITY[\"EPSG\",\"4530\"]]";

    static final String WKT2_CM_126 = "PROJCRS[\"CGCS2000 / 3-degree Gauss-Kruger CM 126E\",\n"
            + "  BASEGEOGCRS[\"China Geodetic Coordinate System 2000\",\n"
            + "    DATUM[\"China 2000\",ELLIPSOID[\"CGCS2000\",6378137,298.257222101,LENGTHUNIT[\"metre\",1]]],\n"
            + "    PRIMEM[\"Greenwich\",0,ANGLEUNIT[\"degree\",0.0174532925199433]],ID[\"EPSG\",4490]],\n"
            + "  CONVERSION[\"3-degree Gauss-Kruger CM 126E\",METHOD[\"Transverse Mercator\",ID[\"EPSG\",9807]],\n"
            + "    PARAMETER[\"Latitude of natural origin\",0,ANGLEUNIT[\"degree\",0.0174532925199433]],\n"
            + "    PARAMETER[\"Longitude of natural origin\",126,ANGLEUNIT[\"degree\",0.0174532925199433]],\n"
            + "    PARAMETER[\"Scale factor at natural origin\",1,SCALEUNIT[\"unity\",1]],\n"
            + "    PARAMETER[\"False easting\",500000,LENGTHUNIT[\"metre\",1]],\n"
            + "    PARAMETER[\"False northing\",0,LENGTHUNIT[\"metre\",1]]],\n"
            + "  CS[Cartesian,2],AXIS[\"northing (X)\",north],AXIS[\"easting (Y)\",east],\n"
            + "  LENGTHUNIT[\"metre\",1],ID[\"EPSG\",4551]]";

    static void assertGaussKruger(SourceCrs.Recognition r, double cm, double fe) {
        assertThat(r.problem()).isNull();
        assertThat(r.crs().geographic()).isFalse();
        assertThat(r.crs().centralMeridian()).isEqualTo(cm);
        assertThat(r.crs().falseEasting()).isEqualTo(fe);
    }

    @Test
    void esriZoneAndCentralMeridianNamesAreRecognised() {
        assertGaussKruger(
                SourceCrs.ofWkt(esri("CGCS2000_3_Degree_GK_Zone_42", "Gauss_Kruger", 126, 42500000)), 126, 42500000);
        assertGaussKruger(
                SourceCrs.ofWkt(esri("CGCS2000_3_Degree_GK_CM_126E", "Gauss_Kruger", 126, 500000)), 126, 500000);
    }

    @Test
    void epsgWkt1AndWkt2AreRecognised() {
        assertGaussKruger(SourceCrs.ofWkt(EPSG_WKT1_ZONE_42), 126, 42500000);
        assertGaussKruger(SourceCrs.ofWkt(WKT2_CM_126), 126, 500000);
    }

    @Test
    void anyNameWithThreeDegreeZoneParametersIsRecognised() {
        assertGaussKruger(SourceCrs.ofWkt(esri("辽源市2000坐标系", "Transverse_Mercator", 126, 42500000)), 126, 42500000);
        assertGaussKruger(SourceCrs.ofWkt(esri("CGCS2000_GK_custom", "Gauss_Kruger", 123, 500000)), 123, 500000);
    }

    @Test
    void aNameWithoutParametersIsEnough() {
        assertGaussKruger(SourceCrs.ofWkt("PROJCS[\"CGCS2000 / 3-degree Gauss-Kruger zone 41\"]"), 123, 41500000);
    }

    @Test
    void geographicCgcs2000AndWgs84AreTakenAsTheyAre() {
        assertThat(SourceCrs.ofWkt(GCS).crs().geographic()).isTrue();
        assertThat(SourceCrs.ofWkt("GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,"
                                + "298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]")
                        .crs()
                        .geographic())
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // Xian 1980 zone names look alike but are another datum
                "PROJCS[\"Xian_1980_3_Degree_GK_Zone_42\",GEOGCS[\"GCS_Xian_1980\",DATUM[\"D_Xian_1980\",SPHEROID[\"Xian_1980\",6378140.0,298.257]]],PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",42500000.0],PARAMETER[\"Central_Meridian\",126.0]]|not on the CGCS2000 datum",
                "GEOGCS[\"GCS_Beijing_1954\",DATUM[\"D_Beijing_1954\",SPHEROID[\"Krasovsky_1940\",6378245.0,298.3]]]|is not CGCS2000 (EPSG:4490) or WGS 84",
                // a 6-degree zone (EPSG:4501, zone 21, CM 123E) is not a 3-degree zone
                "PROJCS[\"CGCS2000_GK_Zone_21\",GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\"],PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",21500000.0],PARAMETER[\"Central_Meridian\",123.0],PARAMETER[\"Scale_Factor\",1.0]]|is not a CGCS2000 3-degree Gauss–Krüger zone",
                "PROJCS[\"CGCS2000_3_Degree_GK_Zone_42\",GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\"],PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"Central_Meridian\",126.0]]|names central meridian 126°E and false easting 42500000 but its parameters say",
                "PROJCS[\"CGCS2000_UTM\",GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\"],PROJECTION[\"Lambert_Conformal_Conic\"]]|is not Transverse Mercator",
                "PROJCS[\"CGCS2000_3_Degree_GK_CM_126E\",GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\"],PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"Central_Meridian\",126.0],UNIT[\"Foot_US\",0.3048006096012192]]|is not the metre",
                "PROJCS[\"broken\"|WKT syntax error",
            })
    void otherCrsAreNotRecognisedAndSayWhy(String wkt, String reason) {
        SourceCrs.Recognition r = SourceCrs.ofWkt(wkt);
        assertThat(r.recognised()).isFalse();
        assertThat(r.problem()).contains(reason);
    }

    @ParameterizedTest
    @CsvSource({
        "EPSG:4530, 126, 42500000",
        "urn:ogc:def:crs:EPSG::4530, 126, 42500000",
        "urn:ogc:def:crs:EPSG:6.6:4551, 126, 500000",
        "http://www.opengis.net/def/crs/EPSG/0/4513, 75, 25500000",
        "EPSG:4554, 135, 500000",
    })
    void projectedEpsgNamesAreZones(String name, double cm, double fe) {
        SourceCrs crs = SourceCrs.ofName(name).orElseThrow();
        assertThat(crs.geographic()).isFalse();
        assertThat(crs.centralMeridian()).isEqualTo(cm);
        assertThat(crs.falseEasting()).isEqualTo(fe);
    }

    @Test
    void geographicAndUnknownNames() {
        assertThat(SourceCrs.ofName("EPSG:4490").map(SourceCrs::geographic)).contains(true);
        assertThat(SourceCrs.ofName("urn:ogc:def:crs:EPSG::4326").map(SourceCrs::geographic))
                .contains(true);
        assertThat(SourceCrs.ofName("urn:ogc:def:crs:OGC:1.3:CRS84").map(SourceCrs::geographic))
                .contains(true);
        assertThat(SourceCrs.ofName("http://www.opengis.net/def/crs/OGC/1.3/CRS84")
                        .map(SourceCrs::geographic))
                .contains(true);
        assertThat(SourceCrs.ofName("EPSG:3857")).isEmpty();
        assertThat(SourceCrs.ofName("EPSG:4512")).isEmpty();
        assertThat(SourceCrs.ofName("EPSG:2385")).isEqualTo(Optional.empty());
    }

    @Test
    void zone42WithAndWithoutPrefixGiveTheSameLonLat() {
        // the centre of 辽源 in EPSG:4530 and EPSG:4551 (values computed by GDAL 3.6 / PROJ)
        Geometry prefixed = Geographic.FACTORY.createPoint(new Coordinate(42428206.5425467, 4749900.69836005));
        Geometry plain = Geographic.FACTORY.createPoint(new Coordinate(428206.5425467, 4749900.69836005));
        Coordinate a =
                SourceCrs.ofEpsg(4530).orElseThrow().toGeographic(prefixed).getCoordinate();
        Coordinate b = SourceCrs.ofEpsg(4551).orElseThrow().toGeographic(plain).getCoordinate();
        assertThat(a.x).isCloseTo(125.1212345, within(1e-7));
        assertThat(a.y).isCloseTo(42.8812345, within(1e-7));
        assertThat(b.x).isCloseTo(a.x, within(1e-9));
        assertThat(b.y).isCloseTo(a.y, within(1e-9));
    }
}
