package org.zoninghub.spatial.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A parsed OGC Well-Known Text coordinate system (WKT1 as in ESRI {@code .prj} files, or WKT2): a tree of keyword
 * nodes whose values are quoted texts, numbers, bare words and further nodes. Only the structure is read here; what
 * the nodes mean is decided by {@link SourceCrs}.
 */
public final class Wkt {

    /** A keyword node such as {@code PARAMETER["False_Easting",42500000.0]}. */
    public record Node(String keyword, List<Object> values) {

        /** The first quoted text or bare word, usually the node's name. */
        public String name() {
            return values.stream()
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .findFirst()
                    .orElse("");
        }

        /** The first number among the values. */
        public Optional<Double> number() {
            return values.stream()
                    .filter(Double.class::isInstance)
                    .map(Double.class::cast)
                    .findFirst();
        }

        /** The direct child nodes with one of the keywords (case-insensitive). */
        public List<Node> children(String... keywords) {
            List<Node> out = new ArrayList<>();
            for (Object v : values) {
                if (v instanceof Node n && matches(n, keywords)) {
                    out.add(n);
                }
            }
            return out;
        }

        public Optional<Node> child(String... keywords) {
            return children(keywords).stream().findFirst();
        }

        /** Every node below this one (depth first) with one of the keywords. */
        public List<Node> descendants(String... keywords) {
            List<Node> out = new ArrayList<>();
            collect(this, n -> matches(n, keywords), out);
            return out;
        }

        /** Every quoted text in this node and below. */
        public List<String> texts() {
            List<String> out = new ArrayList<>();
            collectTexts(this, out);
            return out;
        }

        private static boolean matches(Node n, String... keywords) {
            for (String k : keywords) {
                if (n.keyword.equalsIgnoreCase(k)) {
                    return true;
                }
            }
            return false;
        }

        private static void collect(Node node, Predicate<Node> test, List<Node> out) {
            for (Object v : node.values) {
                if (v instanceof Node n) {
                    if (test.test(n)) {
                        out.add(n);
                    }
                    collect(n, test, out);
                }
            }
        }

        private static void collectTexts(Node node, List<String> out) {
            for (Object v : node.values) {
                if (v instanceof Node n) {
                    collectTexts(n, out);
                } else if (v instanceof String s) {
                    out.add(s);
                }
            }
        }
    }

    /**
     * How deeply keywords may nest: a real coordinate system nests about five levels ({@code PROJCS[GEOGCS[DATUM[
     * SPHEROID[…]]]]}); deeper text is refused before it can exhaust the stack.
     */
    public static final int MAX_DEPTH = 32;

    /** How long a WKT text may be: a {@code .prj} is well under a kilobyte. */
    public static final int MAX_LENGTH = 64 * 1024;

    private final String text;
    private int pos;

    private Wkt(String text) {
        this.text = text;
    }

    /**
     * Parses a WKT text.
     *
     * @throws IllegalArgumentException naming the position of the first syntax error
     */
    public static Node parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("WKT text of " + text.length() + " characters is longer than "
                    + MAX_LENGTH + "; not a coordinate system");
        }
        Wkt parser = new Wkt(text.strip());
        Node root = parser.node(1);
        parser.skipSpace();
        if (parser.pos < parser.text.length()) {
            throw parser.error("unexpected text after the closing bracket");
        }
        return root;
    }

    private Node node(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("keywords nest deeper than " + MAX_DEPTH + " levels");
        }
        skipSpace();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a keyword");
        }
        String keyword = text.substring(start, pos);
        skipSpace();
        if (pos >= text.length() || (text.charAt(pos) != '[' && text.charAt(pos) != '(')) {
            throw error("expected '[' after " + keyword);
        }
        char close = text.charAt(pos) == '[' ? ']' : ')';
        pos++;
        List<Object> values = new ArrayList<>();
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == close) {
            pos++;
            return new Node(keyword, values);
        }
        while (true) {
            values.add(value(depth));
            skipSpace();
            if (pos >= text.length()) {
                throw error("unclosed " + keyword);
            }
            char c = text.charAt(pos++);
            if (c == close) {
                return new Node(keyword, values);
            }
            if (c != ',') {
                throw error("expected ',' or '" + close + "' in " + keyword);
            }
        }
    }

    private Object value(int depth) {
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(pos);
        if (c == '"') {
            StringBuilder s = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= text.length()) {
                    throw error("unclosed quoted text");
                }
                char q = text.charAt(pos++);
                if (q == '"') {
                    if (pos < text.length() && text.charAt(pos) == '"') {
                        s.append('"');
                        pos++;
                    } else {
                        return s.toString();
                    }
                } else {
                    s.append(q);
                }
            }
        }
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
            int start = pos;
            while (pos < text.length() && "+-.eE0123456789".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            try {
                return Double.parseDouble(text.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error("not a number: " + text.substring(start, pos));
            }
        }
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        int end = pos;
        skipSpace();
        if (pos < text.length() && (text.charAt(pos) == '[' || text.charAt(pos) == '(')) {
            pos = start;
            return node(depth + 1);
        }
        if (start == end) {
            throw error("unexpected character '" + c + "'");
        }
        return text.substring(start, end);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("WKT syntax error at character " + (pos + 1) + ": " + problem);
    }
}
