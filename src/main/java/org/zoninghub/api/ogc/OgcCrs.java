package org.zoninghub.api.ogc;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.zoninghub.spatial.GaussKruger;
import org.zoninghub.spatial.Geographic;
import org.zoninghub.spatial.formats.SourceCrs;
import org.zoninghub.web.BadRequestException;

/**
 * The coordinate reference systems of OGC API – Features Part 2 the hub answers in and reads bounding boxes and
 * filter geometries in, each with the axis order its definition gives (the standard's rule):
 *
 * <ul>
 *   <li>{@code OGC/1.3/CRS84}: longitude, latitude (the default, as GeoJSON);
 *   <li>{@code EPSG/0/4490} (CGCS2000, the storage CRS): latitude, longitude, as the EPSG registry defines it;
 *   <li>{@code EPSG/0/4513}–{@code 4533} (3° Gauss–Krüger zones 25–45 with the zone number in the easting) and
 *       {@code 4534}–{@code 4554} (central meridians 75°E–135°E without it): northing (X), easting (Y), as the EPSG
 *       registry defines them.
 * </ul>
 */
record OgcCrs(String uri, int epsg, SourceCrs source) {

    static final String CRS84_URI = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    static final OgcCrs CRS84 = new OgcCrs(CRS84_URI, 0, SourceCrs.CGCS2000);
    static final OgcCrs CGCS2000 = new OgcCrs(epsgUri(4490), 4490, SourceCrs.CGCS2000);

    /** Every CRS offered, CRS84 first. */
    static List<OgcCrs> all() {
        List<OgcCrs> all = new ArrayList<>();
        all.add(CRS84);
        all.add(CGCS2000);
        for (int code = 4513; code <= 4554; code++) {
            all.add(new OgcCrs(epsgUri(code), code, SourceCrs.ofEpsg(code).orElseThrow()));
        }
        return all;
    }

    static String epsgUri(int code) {
        return "http://www.opengis.net/def/crs/EPSG/0/" + code;
    }

    /**
     * The CRS a parameter names, as a URI ({@code http://www.opengis.net/def/crs/EPSG/0/4490}), a URN, or
     * {@code EPSG:4490}; absent means CRS84.
     *
     * @throws BadRequestException naming the parameter and the CRSs offered
     */
    static OgcCrs parse(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return CRS84;
        }
        String v = value.strip();
        if (v.startsWith("[") && v.endsWith("]")) {
            v = v.substring(1, v.length() - 1);
        }
        var named = SourceCrs.ofName(v);
        if (named.isPresent()) {
            SourceCrs s = named.get();
            if (s.label().equals("OGC:CRS84")) {
                return CRS84;
            }
            int code = Integer.parseInt(s.label().substring("EPSG:".length()));
            if (code == 4490) {
                return CGCS2000;
            }
            if (code >= 4513 && code <= 4554) {
                return new OgcCrs(epsgUri(code), code, s);
            }
        }
        throw new BadRequestException("parameter \"" + parameter + "\": \"" + shorten(value)
                + "\" is not a CRS this hub offers (" + CRS84_URI + ", " + epsgUri(4490) + ", or " + epsgUri(4513)
                + " … " + epsgUri(4554) + ")");
    }

    /** Whether the first axis is northing or latitude (every CRS offered but CRS84). */
    boolean northFirst() {
        return epsg != 0;
    }

    /** A geometry in lon/lat (EPSG:4490 as stored, longitude first) in this CRS and its axis order. */
    Geometry fromLonLat(Geometry lonLat) {
        if (epsg == 0) {
            return lonLat;
        }
        Geometry g = lonLat;
        if (!source.geographic()) {
            int zone = (int) Math.round(source.centralMeridian() / 3.0);
            g = GaussKruger.toZone(lonLat, zone);
            double shift = source.falseEasting() - 500_000.0;
            if (shift != 0) {
                g.apply(new Shift(shift));
                g.geometryChanged();
            }
        } else {
            g = lonLat.copy();
        }
        g.apply(SWAP);
        g.geometryChanged();
        return g;
    }

    /**
     * A geometry read in this CRS and its axis order, in lon/lat.
     *
     * @throws IllegalArgumentException when a coordinate cannot be transformed
     */
    Geometry toLonLat(Geometry g) {
        if (epsg == 0) {
            return Geographic.FACTORY.createGeometry(g);
        }
        Geometry swapped = Geographic.FACTORY.createGeometry(g);
        swapped.apply(SWAP);
        swapped.geometryChanged();
        return source.toGeographic(swapped);
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    private static final CoordinateSequenceFilter SWAP = new CoordinateSequenceFilter() {
        @Override
        public void filter(CoordinateSequence seq, int i) {
            double x = seq.getX(i);
            seq.setOrdinate(i, Coordinate.X, seq.getY(i));
            seq.setOrdinate(i, Coordinate.Y, x);
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }
    };

    private record Shift(double dx) implements CoordinateSequenceFilter {
        @Override
        public void filter(CoordinateSequence seq, int i) {
            seq.setOrdinate(i, Coordinate.X, seq.getX(i) + dx);
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }
    }
}
