package org.zoninghub.api.ogc.cql2;

/**
 * A property a filter may name, with its type: text and numbers compare as such; the geometry is the one spatial
 * property.
 */
public record Queryable(String name, Type type, String description) {

    public enum Type {
        STRING,
        NUMBER,
        GEOMETRY
    }
}
