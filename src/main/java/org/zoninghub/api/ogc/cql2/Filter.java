package org.zoninghub.api.ogc.cql2;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;

/** A parsed CQL2 filter: test features with it, and ask what a store can pre-filter for it. */
public final class Filter {

    private final String text;
    private final Node root;

    Filter(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** Whether the filter selects the feature (TRUE; FALSE and unknown do not). */
    public boolean test(Filterable f) {
        return Boolean.TRUE.equals(root.eval(f));
    }

    /** An envelope (lon/lat) every selected feature intersects, or null when the filter does not bound one. */
    public Envelope envelope() {
        return root.bound();
    }

    /** Whether evaluating the filter needs the features' geometries. */
    public boolean spatial() {
        return usesGeometry(root);
    }

    /**
     * Text equalities {@code property = 'value'} that every selected feature satisfies (conjuncts at the top), by
     * property, for a store to pre-filter on; the filter itself is still evaluated on what the store returns.
     */
    public Map<String, String> requiredEqualities() {
        Map<String, String> out = new HashMap<>();
        List<Node> conjuncts = root instanceof Node.And and ? and.terms() : List.of(root);
        for (Node n : conjuncts) {
            if (n instanceof Node.Compare c && c.op().equals("=")) {
                if (c.left() instanceof Operand.Property p
                        && c.right() instanceof Operand.Literal l
                        && l.value() instanceof String s) {
                    out.put(p.queryable().name(), s);
                } else if (c.right() instanceof Operand.Property p
                        && c.left() instanceof Operand.Literal l
                        && l.value() instanceof String s) {
                    out.put(p.queryable().name(), s);
                }
            }
        }
        return out;
    }

    public String text() {
        return text;
    }

    private static boolean usesGeometry(Node n) {
        if (n instanceof Node.Intersects) {
            return true;
        }
        if (n instanceof Node.And a) {
            return a.terms().stream().anyMatch(Filter::usesGeometry);
        }
        if (n instanceof Node.Or o) {
            return o.terms().stream().anyMatch(Filter::usesGeometry);
        }
        return n instanceof Node.Not not && usesGeometry(not.inner());
    }
}
