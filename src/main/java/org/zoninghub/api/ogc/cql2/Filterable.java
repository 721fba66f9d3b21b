package org.zoninghub.api.ogc.cql2;

import org.locationtech.jts.geom.Geometry;

/** What a filter is evaluated on: one feature's property values and its geometry (CRS84 / EPSG:4490 lon-lat). */
public interface Filterable {

    /** The value of a queryable: a String, a Number, or null. */
    Object value(String property);

    /** The geometry, or null when the feature has none. */
    Geometry geometry();
}
