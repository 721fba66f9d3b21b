/**
 * Geometry: GeoJSON ⇄ JTS with path-named errors ({@link org.zoninghub.spatial.GeoJsonGeometries}), WKB, validity
 * checks ({@link org.zoninghub.spatial.GeometryChecks}), Gauss–Krüger areas on the zone of the centroid ({@link
 * org.zoninghub.spatial.GaussKruger}), normalised content hashes ({@link org.zoninghub.spatial.GeometryHashes}).
 * {@code spatial.formats} reads the generic geodata formats: Shapefile {@code .shp}, dBASE {@code .dbf}, WKT
 * {@code .prj} and the CRS it names, text encodings.
 *
 * <p>May use: nothing else of the hub; plain Java, JTS and proj4j, no Spring, no Camel.
 */
package org.zoninghub.spatial;
