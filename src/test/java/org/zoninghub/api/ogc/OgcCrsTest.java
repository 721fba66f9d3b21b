package org.zoninghub.api.ogc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.zoninghub.spatial.Geographic;
import org.zoninghub.web.BadRequestException;

/** Each CRS against proj4j's own EPSG definitions, and the axis order the EPSG registry gives. */
class OgcCrsTest {

    static final Geometry POINT = Geographic.FACTORY.createPoint(new Coordinate(125.1234, 42.8765));

    @ParameterizedTest
    @CsvSource({"4530", "4551", "4529", "4550"})
    void projectsToTheEpsgDefinitionNorthingFirst(int epsg) {
        CRSFactory crs = new CRSFactory();
        ProjCoordinate expected = new ProjCoordinate();
        new CoordinateTransformFactory()
                .createTransform(crs.createFromName("EPSG:4490"), crs.createFromName("EPSG:" + epsg))
                .transform(new ProjCoordinate(125.1234, 42.8765), expected);
        OgcCrs c = OgcCrs.parse("http://www.opengis.net/def/crs/EPSG/0/" + epsg, "crs");
        Coordinate got = c.fromLonLat(POINT).getCoordinate();
        assertThat(got.x).as("northing first").isCloseTo(expected.y, within(1e-3));
        assertThat(got.y).as("easting second").isCloseTo(expected.x, within(1e-3));
        Coordinate back = c.toLonLat(c.fromLonLat(POINT)).getCoordinate();
        assertThat(back.x).isCloseTo(125.1234, within(1e-9));
        assertThat(back.y).isCloseTo(42.8765, within(1e-9));
    }

    @Test
    void cgcs2000IsLatitudeFirstAndCrs84LongitudeFirst() {
        Coordinate lat = OgcCrs.parse("EPSG:4490", "crs").fromLonLat(POINT).getCoordinate();
        assertThat(lat.x).isEqualTo(42.8765);
        assertThat(lat.y).isEqualTo(125.1234);
        Coordinate lon = OgcCrs.parse(null, "crs").fromLonLat(POINT).getCoordinate();
        assertThat(lon.x).isEqualTo(125.1234);
        assertThat(OgcCrs.parse("http://www.opengis.net/def/crs/OGC/1.3/CRS84", "crs"))
                .isEqualTo(OgcCrs.CRS84);
        assertThat(OgcCrs.all()).hasSize(2 + 42);
    }

    @Test
    void refusesOtherCrsNamingTheParameter() {
        assertThatThrownBy(() -> OgcCrs.parse("http://www.opengis.net/def/crs/EPSG/0/3857", "bbox-crs"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("bbox-crs");
    }
}
