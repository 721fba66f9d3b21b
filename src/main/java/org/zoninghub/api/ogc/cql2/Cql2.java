package org.zoninghub.api.ogc.cql2;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * A parser of CQL2 text (OGC 21-065) for the subset the hub evaluates: comparisons ({@code = <> < <= > >=}),
 * {@code [NOT] LIKE} (with {@code %} and {@code _}), {@code [NOT] IN (…)}, {@code [NOT] BETWEEN … AND …},
 * {@code IS [NOT] NULL}, {@code AND}, {@code OR}, {@code NOT}, parentheses, {@code TRUE}/{@code FALSE}, and
 * {@code S_INTERSECTS} of the geometry with a WKT geometry literal or {@code BBOX(…)}. Keywords are case-insensitive;
 * text literals are single-quoted ({@code ''} for a quote); property names are bare or double-quoted.
 *
 * <p>Every filter has a budget: at most {@value #MAX_CHARS} characters, {@value #MAX_DEPTH} levels of nesting,
 * {@value #MAX_NODES} predicates and operators, and {@value #MAX_VERTICES} vertices in all its geometry literals. A
 * filter outside the budget, naming a property that is not queryable, comparing text with a number, or not CQL2 is
 * refused with a {@link Cql2Exception} that names the defect and its position.
 */
public final class Cql2 {

    public static final int MAX_CHARS = 8_192;
    public static final int MAX_DEPTH = 24;
    public static final int MAX_NODES = 500;
    public static final int MAX_VERTICES = 1_000;

    private static final Set<String> GEOMETRY_WORDS = Set.of(
            "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION");
    private static final Set<String> RESERVED =
            Set.of("AND", "OR", "NOT", "LIKE", "IN", "IS", "NULL", "BETWEEN", "TRUE", "FALSE", "S_INTERSECTS", "BBOX");

    private final String text;
    private final Map<String, Queryable> queryables;
    private final UnaryOperator<Geometry> toLonLat;
    private final GeometryFactory factory;
    private int pos;
    private int depth;
    private int nodes;
    private int vertices;

    private Cql2(
            String text, Map<String, Queryable> queryables, UnaryOperator<Geometry> toLonLat, GeometryFactory factory) {
        this.text = text;
        this.queryables = queryables;
        this.toLonLat = toLonLat;
        this.factory = factory;
    }

    /**
     * The filter a CQL2 text says.
     *
     * @param queryables the properties the filter may name, by name
     * @param toLonLat turns a geometry literal, read in the filter's CRS and axis order, into longitude/latitude
     *     (identity for CRS84); it throws IllegalArgumentException for coordinates it cannot transform
     * @throws Cql2Exception naming the defect and where it is
     */
    public static Filter parse(
            String text, Map<String, Queryable> queryables, UnaryOperator<Geometry> toLonLat, GeometryFactory factory) {
        if (text == null || text.isBlank()) {
            throw new Cql2Exception("the filter is empty", 1);
        }
        if (text.length() > MAX_CHARS) {
            throw new Cql2Exception(
                    "the filter is longer than " + MAX_CHARS + " characters (" + text.length() + ")", MAX_CHARS + 1);
        }
        Cql2 parser = new Cql2(text, queryables, toLonLat, factory);
        Node root = parser.or();
        parser.skipSpace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected \"" + parser.excerpt() + "\" after a complete expression");
        }
        return new Filter(text, root);
    }

    // ---- grammar ----------------------------------------------------------------------------------------------

    private Node or() {
        enter();
        List<Node> terms = new ArrayList<>();
        terms.add(and());
        while (keyword("OR")) {
            terms.add(and());
        }
        depth--;
        return terms.size() == 1 ? terms.get(0) : count(new Node.Or(terms));
    }

    private Node and() {
        List<Node> terms = new ArrayList<>();
        terms.add(not());
        while (keyword("AND")) {
            terms.add(not());
        }
        return terms.size() == 1 ? terms.get(0) : count(new Node.And(terms));
    }

    private Node not() {
        if (keyword("NOT")) {
            enter();
            Node inner = not();
            depth--;
            return count(new Node.Not(inner));
        }
        return primary();
    }

    private Node primary() {
        skipSpace();
        int start = pos;
        if (symbol("(")) {
            Node inner = or();
            expect(")");
            return inner;
        }
        if (keyword("TRUE")) {
            return count(new Node.Const(Boolean.TRUE));
        }
        if (keyword("FALSE")) {
            return count(new Node.Const(Boolean.FALSE));
        }
        if (keyword("S_INTERSECTS")) {
            return spatial(start);
        }
        String word = peekWord();
        if (word != null && !RESERVED.contains(word.toUpperCase(Locale.ROOT)) && isFunctionCall()) {
            throw error("the function " + word + " is not supported (only S_INTERSECTS)");
        }
        Operand left = operand();
        return predicate(left, start);
    }

    private Node spatial(int start) {
        expect("(");
        Object a = spatialArgument();
        expect(",");
        Object b = spatialArgument();
        expect(")");
        if (a instanceof Geometry ga && b instanceof Geometry gb) {
            return count(new Node.Const(ga.intersects(gb)));
        }
        Geometry literal = a instanceof Geometry g ? g : b instanceof Geometry g2 ? g2 : null;
        if (literal == null) {
            pos = start;
            throw error("S_INTERSECTS needs a geometry literal (WKT or BBOX) on one side");
        }
        return count(new Node.Intersects(literal, PreparedGeometryFactory.prepare(literal)));
    }

    /** A geometry literal (a Geometry) or the geometry property (a String). */
    private Object spatialArgument() {
        skipSpace();
        int start = pos;
        String word = peekWord();
        if (word == null) {
            throw error("expected a geometry literal or the geometry property");
        }
        String upper = word.toUpperCase(Locale.ROOT);
        if (GEOMETRY_WORDS.contains(upper) || upper.equals("BBOX")) {
            return geometryLiteral(upper);
        }
        Operand o = operand();
        if (!(o instanceof Operand.Property p) || p.queryable().type() != Queryable.Type.GEOMETRY) {
            pos = start;
            throw error("S_INTERSECTS compares geometries; \"" + word + "\" is not the geometry property");
        }
        return p.queryable().name();
    }

    private Geometry geometryLiteral(String word) {
        int start = pos;
        pos += word.length();
        Geometry g;
        if (word.equals("BBOX")) {
            expect("(");
            double[] n = new double[4];
            for (int i = 0; i < 4; i++) {
                if (i > 0) {
                    expect(",");
                }
                Object v = ((Operand.Literal) literal()).value();
                if (!(v instanceof Double d)) {
                    throw error("BBOX takes four numbers");
                }
                n[i] = d;
            }
            expect(")");
            if (n[0] > n[2] || n[1] > n[3]) {
                pos = start;
                throw error("BBOX needs minimum before maximum on both axes");
            }
            g = factory.toGeometry(new org.locationtech.jts.geom.Envelope(n[0], n[2], n[1], n[3]));
        } else {
            int end = wktEnd(start);
            try {
                g = new WKTReader(factory).read(text.substring(start, end));
            } catch (ParseException | IllegalArgumentException e) {
                pos = start;
                throw error("the " + word + " literal is not well-formed WKT");
            }
            pos = end;
        }
        vertices += g.getNumPoints();
        if (vertices > MAX_VERTICES) {
            pos = start;
            throw error("the geometry literals hold more than " + MAX_VERTICES + " vertices");
        }
        try {
            g = toLonLat.apply(g);
        } catch (IllegalArgumentException e) {
            pos = start;
            throw error("the " + word + " literal cannot be transformed from the filter CRS");
        }
        if (!g.isValid()) {
            pos = start;
            throw error("the " + word + " literal is not a valid geometry (self-intersection or unclosed ring)");
        }
        return g;
    }

    /** The end of a WKT literal starting at {@code start}: after its balanced parentheses, or after EMPTY. */
    private int wktEnd(int start) {
        int i = start;
        while (i < text.length() && (Character.isLetter(text.charAt(i)) || text.charAt(i) == ' ')) {
            if (text.regionMatches(true, i, "EMPTY", 0, 5)) {
                return i + 5;
            }
            i++;
        }
        if (i >= text.length() || text.charAt(i) != '(') {
            pos = i;
            throw error("expected \"(\" opening the coordinates of a geometry literal");
        }
        int open = 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                open++;
                if (open > MAX_DEPTH) {
                    pos = i;
                    throw error("the geometry literal nests more than " + MAX_DEPTH + " levels");
                }
            } else if (c == ')') {
                open--;
                if (open == 0) {
                    return i + 1;
                }
            }
        }
        pos = start;
        throw error("the geometry literal has an unclosed \"(\"");
    }

    private Node predicate(Operand left, int start) {
        skipSpace();
        int opAt = pos;
        boolean negated = keyword("NOT");
        if (keyword("LIKE")) {
            Operand pattern = operand();
            if (!(pattern instanceof Operand.Literal l) || !(l.value() instanceof String p)) {
                pos = opAt;
                throw error("LIKE takes a text pattern in single quotes");
            }
            requireString(left, opAt, "LIKE");
            return count(new Node.Like(left, likePattern(p), negated));
        }
        if (keyword("IN")) {
            expect("(");
            List<Operand> list = new ArrayList<>();
            do {
                Operand o = operand();
                comparable(left, o, opAt);
                list.add(o);
                count(null);
            } while (symbol(","));
            expect(")");
            return count(new Node.In(left, list, negated));
        }
        if (keyword("BETWEEN")) {
            Operand low = operand();
            if (!keyword("AND")) {
                throw error("BETWEEN needs AND between its bounds");
            }
            Operand high = operand();
            comparable(left, low, opAt);
            comparable(left, high, opAt);
            return count(new Node.Between(left, low, high, negated));
        }
        if (negated) {
            pos = opAt;
            throw error("NOT here must be followed by LIKE, IN or BETWEEN");
        }
        if (keyword("IS")) {
            boolean not = keyword("NOT");
            if (!keyword("NULL")) {
                throw error("IS must be followed by NULL or NOT NULL");
            }
            return count(new Node.IsNull(left, not));
        }
        String op = comparison();
        if (op == null) {
            if (pos >= text.length()) {
                throw error("the filter ends where a comparison was expected");
            }
            throw error("expected a comparison (=, <>, <, <=, >, >=, LIKE, IN, BETWEEN, IS NULL), found \"" + excerpt()
                    + "\"");
        }
        Operand right = operand();
        comparable(left, right, opAt);
        return count(new Node.Compare(op, left, right));
    }

    private String comparison() {
        skipSpace();
        for (String op : new String[] {"<>", "<=", ">=", "!=", "=", "<", ">"}) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return op.equals("!=") ? "<>" : op;
            }
        }
        return null;
    }

    private Operand operand() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("the filter ends where a property or a value was expected");
        }
        char c = text.charAt(pos);
        if (c == '\'' || c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
            return literal();
        }
        if (c == '"') {
            int start = pos;
            int end = text.indexOf('"', pos + 1);
            if (end < 0) {
                throw error("unclosed double-quoted property name");
            }
            pos = end + 1;
            return property(text.substring(start + 1, end), start);
        }
        int start = pos;
        String word = peekWord();
        if (word == null) {
            throw error("expected a property or a value, found \"" + excerpt() + "\"");
        }
        String upper = word.toUpperCase(Locale.ROOT);
        if (upper.equals("TRUE") || upper.equals("FALSE")) {
            pos += word.length();
            return new Operand.Literal(upper.equals("TRUE") ? "true" : "false");
        }
        if (RESERVED.contains(upper)) {
            throw error("expected a property or a value, found the keyword " + upper);
        }
        pos += word.length();
        return property(word, start);
    }

    private Operand property(String name, int start) {
        Queryable q = queryables.get(name);
        if (q == null) {
            pos = start;
            throw error("\"" + name + "\" is not a queryable of this collection (see its /queryables: "
                    + String.join(", ", queryables.keySet()) + ")");
        }
        return new Operand.Property(q);
    }

    private Operand literal() {
        skipSpace();
        int start = pos;
        if (pos < text.length() && text.charAt(pos) == '\'') {
            StringBuilder s = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= text.length()) {
                    pos = start;
                    throw error("unclosed text literal");
                }
                char c = text.charAt(pos++);
                if (c == '\'') {
                    if (pos < text.length() && text.charAt(pos) == '\'') {
                        s.append('\'');
                        pos++;
                    } else {
                        break;
                    }
                } else {
                    s.append(c);
                }
            }
            return new Operand.Literal(s.toString());
        }
        while (pos < text.length() && "+-.0123456789eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        try {
            return new Operand.Literal(Double.parseDouble(text.substring(start, pos)));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("\"" + excerpt() + "\" is not a number");
        }
    }

    private void comparable(Operand left, Operand right, int at) {
        Queryable.Type a = typeOf(left);
        Queryable.Type b = typeOf(right);
        if (a == Queryable.Type.GEOMETRY || b == Queryable.Type.GEOMETRY) {
            pos = at;
            throw error("a geometry is compared only with S_INTERSECTS");
        }
        if (a != null && b != null && a != b) {
            pos = at;
            throw error("cannot compare " + describe(left) + " with " + describe(right) + " (text with a number)");
        }
    }

    private void requireString(Operand o, int at, String op) {
        if (typeOf(o) != Queryable.Type.STRING) {
            pos = at;
            throw error(op + " applies to text; " + describe(o) + " is not text");
        }
    }

    private static Queryable.Type typeOf(Operand o) {
        if (o instanceof Operand.Property p) {
            return p.queryable().type();
        }
        Object v = ((Operand.Literal) o).value();
        return v instanceof Double ? Queryable.Type.NUMBER : Queryable.Type.STRING;
    }

    private static String describe(Operand o) {
        return o instanceof Operand.Property p
                ? "the " + p.queryable().type().name().toLowerCase(Locale.ROOT) + " property "
                        + p.queryable().name()
                : ((Operand.Literal) o).value() instanceof Double d ? "the number " + d : "a text literal";
    }

    /** A LIKE pattern as a regular expression: {@code %} any run, {@code _} one character, {@code \} escapes. */
    static Pattern likePattern(String like) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                re.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    // ---- scanning ---------------------------------------------------------------------------------------------

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("the filter nests more than " + MAX_DEPTH + " levels");
        }
    }

    private Node count(Node n) {
        if (++nodes > MAX_NODES) {
            throw error("the filter has more than " + MAX_NODES + " predicates, operators and list values");
        }
        return n;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private String peekWord() {
        skipSpace();
        int end = pos;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (Character.isLetterOrDigit(c) || c == '_' || (end > pos && (c == '.' || c == ':'))) {
                end++;
            } else {
                break;
            }
        }
        if (end == pos || Character.isDigit(text.charAt(pos))) {
            return null;
        }
        return text.substring(pos, end);
    }

    private boolean isFunctionCall() {
        String word = peekWord();
        int after = pos + word.length();
        while (after < text.length() && text.charAt(after) == ' ') {
            after++;
        }
        return after < text.length() && text.charAt(after) == '(';
    }

    private boolean keyword(String k) {
        String word = peekWord();
        if (word != null && word.equalsIgnoreCase(k)) {
            pos += word.length();
            return true;
        }
        return false;
    }

    private boolean symbol(String s) {
        skipSpace();
        if (text.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    private void expect(String s) {
        if (!symbol(s)) {
            throw error(
                    pos >= text.length()
                            ? "the filter ends where \"" + s + "\" was expected"
                            : "expected \"" + s + "\", found \"" + excerpt() + "\"");
        }
    }

    private String excerpt() {
        String rest = text.substring(Math.min(pos, text.length()));
        return rest.length() > 20 ? rest.substring(0, 20) + "…" : rest;
    }

    private Cql2Exception error(String defect) {
        return new Cql2Exception(defect, Math.min(pos, text.length()) + 1);
    }
}
