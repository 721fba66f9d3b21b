package org.zoninghub.spatial;

/**
 * An independent transverse Mercator forward projection for checking proj4j: the Krüger n-series to order n⁶ as
 * published by Karney (2011, "Transverse Mercator with an accuracy of a few nanometers", eq. 35), which is the
 * formula EPSG Guidance Note 7-2 gives (there to order n⁴) for the "Transverse Mercator" method. CGCS2000 uses the
 * GRS80 ellipsoid; Gauss–Krüger zones have scale 1 on the central meridian and a false easting of 500 km.
 */
final class KrugerTransverseMercator {

    static final double A = 6378137.0;
    static final double F = 1 / 298.257222101;
    static final double E2 = F * (2 - F);
    static final double E = Math.sqrt(E2);

    private static final double N = F / (2 - F);
    private static final double RECTIFYING_RADIUS =
            A / (1 + N) * (1 + N * N / 4 + Math.pow(N, 4) / 64 + Math.pow(N, 6) / 256);
    private static final double[] ALPHA = {
        0,
        N / 2
                - 2 * N * N / 3
                + 5 * Math.pow(N, 3) / 16
                + 41 * Math.pow(N, 4) / 180
                - 127 * Math.pow(N, 5) / 288
                + 7891 * Math.pow(N, 6) / 37800,
        13 * N * N / 48
                - 3 * Math.pow(N, 3) / 5
                + 557 * Math.pow(N, 4) / 1440
                + 281 * Math.pow(N, 5) / 630
                - 1983433 * Math.pow(N, 6) / 1935360,
        61 * Math.pow(N, 3) / 240
                - 103 * Math.pow(N, 4) / 140
                + 15061 * Math.pow(N, 5) / 26880
                + 167603 * Math.pow(N, 6) / 181440,
        49561 * Math.pow(N, 4) / 161280 - 179 * Math.pow(N, 5) / 168 + 6601661 * Math.pow(N, 6) / 7257600,
        34729 * Math.pow(N, 5) / 80640 - 3418889 * Math.pow(N, 6) / 1995840,
        212378941 * Math.pow(N, 6) / 319334400
    };

    private KrugerTransverseMercator() {}

    /** Easting and northing in metres (false easting 500 km, k0 = 1) of a lon/lat in degrees. */
    static double[] forward(double lonDeg, double latDeg, double centralMeridianDeg) {
        double phi = Math.toRadians(latDeg);
        double lambda = Math.toRadians(lonDeg - centralMeridianDeg);
        double sinPhi = Math.sin(phi);
        double t = Math.sinh(atanh(sinPhi) - E * atanh(E * sinPhi));
        double xiPrime = Math.atan2(t, Math.cos(lambda));
        double etaPrime = atanh(Math.sin(lambda) / Math.sqrt(1 + t * t));
        double xi = xiPrime;
        double eta = etaPrime;
        for (int j = 1; j <= 6; j++) {
            xi += ALPHA[j] * Math.sin(2 * j * xiPrime) * Math.cosh(2 * j * etaPrime);
            eta += ALPHA[j] * Math.cos(2 * j * xiPrime) * Math.sinh(2 * j * etaPrime);
        }
        return new double[] {500_000 + RECTIFYING_RADIUS * eta, RECTIFYING_RADIUS * xi};
    }

    /** Shoelace area in m² of a closed lon/lat ring projected with {@link #forward}. */
    static double shoelaceArea(double[][] lonLatRing, double centralMeridianDeg) {
        double twice = 0;
        for (int i = 0; i + 1 < lonLatRing.length; i++) {
            double[] p = forward(lonLatRing[i][0], lonLatRing[i][1], centralMeridianDeg);
            double[] q = forward(lonLatRing[i + 1][0], lonLatRing[i + 1][1], centralMeridianDeg);
            twice += (p[0] - 500_000) * q[1] - (q[0] - 500_000) * p[1];
        }
        return Math.abs(twice) / 2;
    }

    /**
     * Area in m² on the GRS80 ellipsoid of the quadrangle between two parallels and two meridians: b²Δλ/2 ·
     * [sinφ/(1−e²sin²φ) + ln((1+e sinφ)/(1−e sinφ))/(2e)] taken between the parallels.
     */
    static double ellipsoidalQuadrangleArea(double lon1, double lon2, double lat1, double lat2) {
        double b2 = A * A * (1 - E2);
        return b2 * Math.toRadians(lon2 - lon1) / 2 * (authalicTerm(lat2) - authalicTerm(lat1));
    }

    private static double authalicTerm(double latDeg) {
        double s = Math.sin(Math.toRadians(latDeg));
        return s / (1 - E2 * s * s) + Math.log((1 + E * s) / (1 - E * s)) / (2 * E);
    }

    private static double atanh(double x) {
        return 0.5 * Math.log((1 + x) / (1 - x));
    }
}
