package org.zoninghub.api.ogc.cql2;

/** One side of a predicate: a queryable property or a literal (a String or a Double). */
sealed interface Operand {

    Object value(Filterable f);

    record Property(Queryable queryable) implements Operand {
        @Override
        public Object value(Filterable f) {
            Object v = f.value(queryable.name());
            return v instanceof Number n && !(v instanceof Double) ? n.doubleValue() : v;
        }
    }

    record Literal(Object value) implements Operand {
        @Override
        public Object value(Filterable f) {
            return value;
        }
    }
}
