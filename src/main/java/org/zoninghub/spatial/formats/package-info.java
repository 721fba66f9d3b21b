/**
 * Generic geodata formats, read without knowing what the data means: {@link org.zoninghub.spatial.formats.ShpFile}
 * ({@code .shp} geometry), {@link org.zoninghub.spatial.formats.DbfFile} (dBASE attributes), {@link
 * org.zoninghub.spatial.formats.GpkgFile} (GeoPackage tables and geometries), {@link
 * org.zoninghub.spatial.formats.Wkt} and {@link org.zoninghub.spatial.formats.SourceCrs} (the CRS a {@code .prj} or a
 * name declares, and the transform to EPSG:4490), {@link org.zoninghub.spatial.formats.TextEncodings}. Mapping what
 * they hold to units and lists is {@code sync.files}' business.
 */
package org.zoninghub.spatial.formats;
