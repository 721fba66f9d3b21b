package org.zoninghub.spatial.formats;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Geometry;
import org.zoninghub.spatial.GaussKruger;
import org.zoninghub.spatial.Geographic;

/**
 * A coordinate reference system an inbound file declares, restricted to those docs/domain.md §2 accepts: CGCS2000
 * geographic (EPSG:4490, with EPSG:4326 and OGC CRS84 taken as equal) and the CGCS2000 3-degree Gauss–Krüger zones
 * (EPSG:4513–4533 with zone prefix in the false easting, EPSG:4534–4554 without). Anything else is not recognised, so
 * that the caller reports it instead of guessing.
 *
 * <p>Projected coordinates are always read easting first (x = easting), as Shapefiles and GeoJSON positions store
 * them, whatever axis order the EPSG definition lists.
 *
 * @param label how the CRS is named in messages, e.g. {@code EPSG:4530}
 * @param geographic whether coordinates are already longitude/latitude
 * @param centralMeridian central meridian in degrees east (projected only)
 * @param falseEasting false easting in metres, including the zone prefix where there is one (projected only)
 */
public record SourceCrs(String label, boolean geographic, double centralMeridian, double falseEasting) {

    /** CGCS2000 geographic: coordinates are taken as they are. */
    public static final SourceCrs CGCS2000 = new SourceCrs("EPSG:4490", true, 0, 0);

    private static final Pattern EPSG_URI = Pattern.compile(
            "(?i)^(?:urn:ogc:def:crs:EPSG:[^:]*:|EPSG:{1,2}|https?://www\\.opengis\\.net/def/crs/EPSG/[^/]+/)(\\d+)$");
    private static final Pattern CRS84_URI = Pattern.compile(
            "(?i)^(?:urn:ogc:def:crs:OGC:[^:]*:|https?://www\\.opengis\\.net/def/crs/OGC/[^/]+/|OGC:)?CRS:?84$");
    private static final Pattern ZONE_NAME = Pattern.compile(
            "(?i)^CGCS\\s*_?2000\\s*(?:_|/)\\s*3[_-]?Degree[_ ]G(?:auss)?[_-]?K(?:ruger)?[_ ]Zone[_ ](\\d+)$");
    private static final Pattern CM_NAME = Pattern.compile(
            "(?i)^CGCS\\s*_?2000\\s*(?:_|/)\\s*3[_-]?Degree[_ ]G(?:auss)?[_-]?K(?:ruger)?[_ ]CM[_ ](\\d+(?:\\.\\d+)?)E$");
    private static final Pattern CGCS2000_TEXT =
            Pattern.compile("(?i).*(china.?geodetic.?coordinate.?system.?2000|cgcs.?2000|china.?2000).*");
    private static final Pattern WGS84_TEXT = Pattern.compile("(?i).*(wgs.?(19)?84).*");

    /** A CGCS2000 3-degree Gauss–Krüger zone given by its central meridian and false easting. */
    public static SourceCrs gaussKruger(String label, double centralMeridian, double falseEasting) {
        return new SourceCrs(label, false, centralMeridian, falseEasting);
    }

    /** The accepted CRS of an EPSG code, or empty. */
    public static Optional<SourceCrs> ofEpsg(int code) {
        if (code == Geographic.SRID || code == Geographic.WGS84_SRID) {
            return Optional.of(new SourceCrs("EPSG:" + code, true, 0, 0));
        }
        if (code >= 4513 && code <= 4533) {
            int zone = code - 4513 + 25;
            return Optional.of(gaussKruger("EPSG:" + code, zone * 3.0, zone * 1_000_000.0 + 500_000.0));
        }
        if (code >= 4534 && code <= 4554) {
            return Optional.of(gaussKruger("EPSG:" + code, 75.0 + 3.0 * (code - 4534), 500_000.0));
        }
        return Optional.empty();
    }

    /**
     * The accepted CRS of a GeoJSON {@code crs} name: {@code EPSG:4530}, {@code urn:ogc:def:crs:EPSG::4530},
     * {@code http://www.opengis.net/def/crs/EPSG/0/4530}, {@code urn:ogc:def:crs:OGC:1.3:CRS84}, or empty.
     */
    public static Optional<SourceCrs> ofName(String name) {
        String s = name.strip();
        if (CRS84_URI.matcher(s).matches()) {
            return Optional.of(new SourceCrs("OGC:CRS84", true, 0, 0));
        }
        Matcher m = EPSG_URI.matcher(s);
        if (m.matches()) {
            return ofEpsg(Integer.parseInt(m.group(1)));
        }
        return Optional.empty();
    }

    /**
     * The accepted CRS of a {@code .prj} WKT text.
     *
     * <p>Recognised: a geographic CRS on the CGCS2000 datum (or WGS 84); a projected CRS named as a CGCS2000 3-degree
     * Gauss–Krüger zone ({@code CGCS2000_3_Degree_GK_Zone_42}, {@code CGCS2000_3_Degree_GK_CM_126E},
     * {@code CGCS2000 / 3-degree Gauss-Kruger zone 42}, {@code CGCS2000 / 3-degree Gauss-Kruger CM 126E}); an EPSG
     * authority 4490 or 4513–4554 on the CRS itself; or, whatever its name, a CGCS2000 Transverse Mercator
     * (Gauss–Krüger) whose parameters are those of a 3-degree zone: central meridian a multiple of 3°, scale factor
     * 1, latitude of origin 0, false northing 0, false easting 500000 or zone × 1000000 + 500000, metres. Where both a
     * zone name and parameters are given they must agree.
     *
     * @return the CRS, or a reason why it is not accepted
     */
    public static Recognition ofWkt(String wkt) {
        Wkt.Node root;
        try {
            root = Wkt.parse(wkt);
        } catch (IllegalArgumentException e) {
            return Recognition.no(e.getMessage());
        }
        String keyword = root.keyword().toUpperCase(Locale.ROOT);
        String name = root.name();
        switch (keyword) {
            case "GEOGCS", "GEOGCRS", "GEODCRS", "GEOGRAPHICCRS" -> {
                if (isCgcs2000(root)) {
                    return Recognition.yes(new SourceCrs("CGCS2000 geographic (" + name + ")", true, 0, 0));
                }
                if (root.texts().stream().anyMatch(t -> WGS84_TEXT.matcher(t).matches())) {
                    return Recognition.yes(new SourceCrs("WGS 84 geographic (" + name + ")", true, 0, 0));
                }
                return Recognition.no("geographic CRS \"" + name + "\" is not CGCS2000 (EPSG:4490) or WGS 84");
            }
            case "PROJCS", "PROJCRS", "PROJECTEDCRS" -> {
                return projected(root, name);
            }
            default -> {
                return Recognition.no("\"" + root.keyword() + "\" is not a geographic or projected CRS");
            }
        }
    }

    private static Recognition projected(Wkt.Node root, String name) {
        Wkt.Node base = root.child("GEOGCS", "BASEGEOGCRS", "BASEGEODCRS").orElse(null);
        boolean cgcs2000 = base == null ? CGCS2000_TEXT.matcher(name).matches() : isCgcs2000(base);
        if (!cgcs2000) {
            return Recognition.no("projected CRS \"" + name + "\" is not on the CGCS2000 datum");
        }
        SourceCrs byName = null;
        Matcher zone = ZONE_NAME.matcher(name.strip());
        Matcher cm = CM_NAME.matcher(name.strip());
        if (zone.matches()) {
            int z = Integer.parseInt(zone.group(1));
            byName = gaussKruger(name, z * 3.0, z * 1_000_000.0 + 500_000.0);
        } else if (cm.matches()) {
            byName = gaussKruger(name, Double.parseDouble(cm.group(1)), 500_000.0);
        } else {
            Optional<Wkt.Node> authority = root.children("AUTHORITY", "ID").stream()
                    .filter(a -> a.name().equalsIgnoreCase("EPSG"))
                    .findFirst();
            if (authority.isPresent()) {
                Optional<SourceCrs> epsg = authorityCode(authority.get()).flatMap(SourceCrs::ofEpsg);
                if (epsg.isPresent() && !epsg.get().geographic()) {
                    byName = epsg.get();
                }
            }
        }
        Wkt.Node conversion = root.child("CONVERSION").orElse(root);
        Optional<Wkt.Node> method = root.child("PROJECTION").or(() -> conversion.child("METHOD", "PROJECTION"));
        if (method.isEmpty()) {
            return byName == null
                    ? Recognition.no("projected CRS \"" + name + "\" names no projection method")
                    : Recognition.yes(byName);
        }
        String methodName = method.get().name().replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
        if (!methodName.equals("transversemercator") && !methodName.equals("gausskruger")) {
            return Recognition.no("projection \"" + method.get().name() + "\" of \"" + name
                    + "\" is not Transverse Mercator (Gauss–Krüger)");
        }
        List<Wkt.Node> params = conversion.children("PARAMETER");
        Double centralMeridian =
                parameter(params, "central_meridian", "longitude_of_natural_origin", "longitude_of_origin");
        Double falseEasting = parameter(params, "false_easting");
        double scale = orDefault(parameter(params, "scale_factor", "scale_factor_at_natural_origin"), 1.0);
        double latitude = orDefault(parameter(params, "latitude_of_origin", "latitude_of_natural_origin"), 0.0);
        double falseNorthing = orDefault(parameter(params, "false_northing"), 0.0);
        if (centralMeridian == null || falseEasting == null) {
            return byName == null
                    ? Recognition.no("projected CRS \"" + name + "\" lacks a central meridian or false easting")
                    : Recognition.yes(byName);
        }
        String unitProblem = unitProblem(root);
        if (unitProblem != null) {
            return Recognition.no("projected CRS \"" + name + "\": " + unitProblem);
        }
        String described = "central meridian " + plain(centralMeridian) + "°E, false easting " + plain(falseEasting)
                + ", scale factor " + plain(scale) + ", latitude of origin " + plain(latitude) + ", false northing "
                + plain(falseNorthing);
        double zoneOfMeridian = centralMeridian / 3.0;
        boolean threeDegree = zoneOfMeridian == Math.rint(zoneOfMeridian)
                && scale == 1.0
                && latitude == 0.0
                && falseNorthing == 0.0
                && (falseEasting == 500_000.0 || falseEasting == zoneOfMeridian * 1_000_000.0 + 500_000.0);
        if (!threeDegree) {
            return Recognition.no(
                    "projected CRS \"" + name + "\" (" + described + ") is not a CGCS2000 3-degree Gauss–Krüger zone");
        }
        if (byName != null && (byName.centralMeridian() != centralMeridian || byName.falseEasting() != falseEasting)) {
            return Recognition.no("projected CRS \"" + name + "\" names central meridian "
                    + plain(byName.centralMeridian()) + "°E and false easting " + plain(byName.falseEasting())
                    + " but its parameters say " + described);
        }
        return Recognition.yes(gaussKruger(name, centralMeridian, falseEasting));
    }

    private static Optional<Integer> authorityCode(Wkt.Node authority) {
        for (Object v : authority.values().subList(1, authority.values().size())) {
            if (v instanceof Double d) {
                return Optional.of(d.intValue());
            }
            if (v instanceof String s && s.matches("\\d+")) {
                return Optional.of(Integer.parseInt(s));
            }
        }
        return Optional.empty();
    }

    private static boolean isCgcs2000(Wkt.Node node) {
        return node.texts().stream().anyMatch(t -> CGCS2000_TEXT.matcher(t).matches());
    }

    private static String unitProblem(Wkt.Node root) {
        Optional<Wkt.Node> unit = root.child("UNIT", "LENGTHUNIT");
        if (unit.isEmpty()) {
            return null;
        }
        String unitName = unit.get().name().toLowerCase(Locale.ROOT);
        double factor = unit.get().number().orElse(1.0);
        return (unitName.equals("meter") || unitName.equals("metre")) && factor == 1.0
                ? null
                : "length unit \"" + unit.get().name() + "\" is not the metre";
    }

    private static Double parameter(List<Wkt.Node> params, String... names) {
        for (Wkt.Node p : params) {
            String n = p.name().replace(' ', '_').toLowerCase(Locale.ROOT);
            for (String wanted : names) {
                if (n.equals(wanted)) {
                    return p.number().orElse(null);
                }
            }
        }
        return null;
    }

    private static double orDefault(Double value, double otherwise) {
        return value == null ? otherwise : value;
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * A copy of a geometry in EPSG:4490 longitude/latitude: the geometry itself when the CRS is geographic, otherwise
     * its coordinates transformed from this Gauss–Krüger zone.
     *
     * @throws IllegalArgumentException when a coordinate cannot be transformed (e.g. it is far outside the zone)
     */
    public Geometry toGeographic(Geometry geometry) {
        if (geographic) {
            return geometry;
        }
        return GaussKruger.toGeographic(geometry, centralMeridian, falseEasting);
    }

    /** The answer to "is this .prj accepted?": a CRS, or the reason it is not. */
    public record Recognition(SourceCrs crs, String problem) {
        static Recognition yes(SourceCrs crs) {
            return new Recognition(crs, null);
        }

        static Recognition no(String problem) {
            return new Recognition(null, problem);
        }

        public boolean recognised() {
            return crs != null;
        }
    }
}
