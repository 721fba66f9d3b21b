package org.zoninghub.api.ogc.cql2;

import java.util.List;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;

/**
 * A parsed filter expression. Evaluation is three-valued as in SQL: a comparison with a null value is unknown
 * ({@code null}), {@code NOT} of unknown is unknown, and only {@code TRUE} selects a feature.
 */
sealed interface Node {

    Boolean eval(Filterable f);

    /** An envelope every selected feature's geometry intersects, or null when the expression does not bound it. */
    default Envelope bound() {
        return null;
    }

    record Const(Boolean value) implements Node {
        @Override
        public Boolean eval(Filterable f) {
            return value;
        }
    }

    record And(List<Node> terms) implements Node {
        @Override
        public Boolean eval(Filterable f) {
            boolean unknown = false;
            for (Node t : terms) {
                Boolean v = t.eval(f);
                if (v == null) {
                    unknown = true;
                } else if (!v) {
                    return false;
                }
            }
            return unknown ? null : true;
        }

        @Override
        public Envelope bound() {
            Envelope result = null;
            for (Node t : terms) {
                Envelope b = t.bound();
                if (b != null) {
                    result = result == null ? new Envelope(b) : result.intersection(b);
                }
            }
            return result;
        }
    }

    record Or(List<Node> terms) implements Node {
        @Override
        public Boolean eval(Filterable f) {
            boolean unknown = false;
            for (Node t : terms) {
                Boolean v = t.eval(f);
                if (v == null) {
                    unknown = true;
                } else if (v) {
                    return true;
                }
            }
            return unknown ? null : false;
        }

        @Override
        public Envelope bound() {
            Envelope result = new Envelope();
            for (Node t : terms) {
                Envelope b = t.bound();
                if (b == null) {
                    return null;
                }
                result.expandToInclude(b);
            }
            return result;
        }
    }

    record Not(Node inner) implements Node {
        @Override
        public Boolean eval(Filterable f) {
            Boolean v = inner.eval(f);
            return v == null ? null : !v;
        }
    }

    record Compare(String op, Operand left, Operand right) implements Node {
        @Override
        public Boolean eval(Filterable f) {
            Integer c = compare(left.value(f), right.value(f));
            if (c == null) {
                return null;
            }
            return switch (op) {
                case "=" -> c == 0;
                case "<>" -> c != 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> throw new IllegalStateException(op);
            };
        }
    }

    record Like(Operand value, Pattern pattern, boolean negated) implements Node {
        @Override
        public Boolean eval(Filterable f) {
            Object v = value.value(f);
            if (v == null) {
                return null;
            }
            return pattern.matcher(v.toString()).matches() != negated;
        }
    }

    record In(Operand value, List<Operand> list, boolean negated) implements Node {
        @Override
        public Boolean eval(Filterable f) {
            Object v = value.value(f);
            if (v == null) {
                return null;
            }
            for (Operand o : list) {
                Integer c = compare(v, o.value(f));
                if (c != null && c == 0) {
                    return !negated;
                }
            }
            return negated;
        }
    }

    record Between(Operand value, Operand low, Operand high, boolean negated) implements Node {
        @Override
        public Boolean eval(Filterable f) {
            Object v = value.value(f);
            Integer lo = compare(v, low.value(f));
            Integer hi = compare(v, high.value(f));
            if (lo == null || hi == null) {
                return null;
            }
            return (lo >= 0 && hi <= 0) != negated;
        }
    }

    record IsNull(Operand value, boolean negated) implements Node {
        @Override
        public Boolean eval(Filterable f) {
            return (value.value(f) == null) != negated;
        }
    }

    /** S_INTERSECTS of the feature's geometry with a literal, tested on the literal prepared once. */
    record Intersects(Geometry literal, PreparedGeometry prepared) implements Node {
        @Override
        public Boolean eval(Filterable f) {
            Geometry g = f.geometry();
            return g == null ? null : prepared.intersects(g);
        }

        @Override
        public Envelope bound() {
            return literal.getEnvelopeInternal();
        }
    }

    /** Text with text, numbers with numbers; null when either is null or they are of different kinds. */
    @SuppressWarnings("unchecked")
    static Integer compare(Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        return null;
    }
}
