package org.zoninghub.api.ogc.cql2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

class Cql2Test {

    static final GeometryFactory F = new GeometryFactory();
    static final Map<String, Queryable> Q = Map.of(
            "code", new Queryable("code", Queryable.Type.STRING, ""),
            "name", new Queryable("name", Queryable.Type.STRING, ""),
            "category", new Queryable("category", Queryable.Type.STRING, ""),
            "areaM2", new Queryable("areaM2", Queryable.Type.NUMBER, ""),
            "basin", new Queryable("basin", Queryable.Type.STRING, ""),
            "geometry", new Queryable("geometry", Queryable.Type.GEOMETRY, ""));

    /** A unit square feature at (125..126, 42..43), KEY_CONTROL, area 5e6, basin null. */
    static final Filterable UNIT = new Filterable() {
        @Override
        public Object value(String p) {
            return switch (p) {
                case "code" -> "ZH22040220001";
                case "name" -> "龙山区城镇重点管控单元";
                case "category" -> "KEY_CONTROL";
                case "areaM2" -> 5_000_000.0;
                default -> null;
            };
        }

        @Override
        public Geometry geometry() {
            return F.toGeometry(new Envelope(125, 126, 42, 43));
        }
    };

    static boolean eval(String filter) {
        return Cql2.parse(filter, Q, UnaryOperator.identity(), F).test(UNIT);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "category = 'KEY_CONTROL'                                   | true",
                "category = 'GENERAL_CONTROL'                               | false",
                "category <> 'GENERAL_CONTROL'                              | true",
                "CATEGORY_X_IS_NOT = 1 OR TRUE                              | error",
                "areaM2 > 4000000 AND areaM2 <= 5000000                     | true",
                "areaM2 BETWEEN 1 AND 2                                     | false",
                "areaM2 NOT BETWEEN 1 AND 2                                 | true",
                "code LIKE 'ZH220402%'                                      | true",
                "code LIKE 'ZH22040_20001'                                  | true",
                "code NOT LIKE 'ZH%'                                        | false",
                "name LIKE '%重点%'                                          | true",
                "category IN ('KEY_CONTROL', 'GENERAL_CONTROL')             | true",
                "category NOT IN ('KEY_CONTROL')                            | false",
                "basin IS NULL                                              | true",
                "basin IS NOT NULL                                          | false",
                "basin = 'LIAOHE'                                           | false",
                "NOT (basin = 'LIAOHE')                                     | false",
                "NOT (basin = 'LIAOHE') OR category = 'KEY_CONTROL'         | true",
                "not (category = 'KEY_CONTROL') or (areaM2 < 1)             | false",
                "S_INTERSECTS(geometry, POINT(125.5 42.5))                  | true",
                "S_INTERSECTS(geometry, POINT(127 42.5))                    | false",
                "S_INTERSECTS(POLYGON((126 43, 127 43, 127 44, 126 44, 126 43)), geometry) | true",
                "s_intersects(geometry, BBOX(126.1, 42, 127, 43))           | false",
                "S_INTERSECTS(geometry, LINESTRING(124 41, 127 44)) AND category = 'KEY_CONTROL' | true",
                "\"category\" = 'KEY_CONTROL'                               | true",
                "name = 'it''s'                                             | false",
            })
    void evaluates(String filter, String expected) {
        if (expected.equals("error")) {
            assertThatThrownBy(() -> eval(filter)).isInstanceOf(Cql2Exception.class);
        } else {
            assertThat(eval(filter)).as(filter).isEqualTo(Boolean.parseBoolean(expected));
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "category =                             | 11 | ends where a property or a value",
                "category = 'KEY_CONTROL' AND           | 29 | ends where a property or a value",
                "colour = 'red'                         | 1  | not a queryable",
                "areaM2 = 'big'                         | 8  | cannot compare",
                "category = 3                           | 10 | cannot compare",
                "category = 'KEY_CONTROL' junk          | 26 | unexpected",
                "code LIKE 3                            | 6  | LIKE takes a text pattern",
                "S_INTERSECTS(geometry, POINT(1 2)      | 34 | where \")\" was expected",
                "S_INTERSECTS(geometry, POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))) | 24 | not a valid geometry",
                "S_INTERSECTS(geometry, POINT(1))       | 24 | not well-formed WKT",
                "S_INTERSECTS(code, POINT(1 2))         | 14 | not the geometry property",
                "category = 'open                       | 12 | unclosed text literal",
                "T_AFTER(code, 'x')                     | 1  | not supported",
            })
    void namesTheDefectAndItsPosition(String filter, int position, String defect) {
        assertThatThrownBy(() -> eval(filter.strip()))
                .isInstanceOfSatisfying(
                        Cql2Exception.class,
                        e -> assertThat(e.position()).as(e.getMessage()).isEqualTo(position))
                .hasMessageContaining(defect);
    }

    @Test
    void refusesFiltersBeyondItsBudget() {
        String deep = "(".repeat(Cql2.MAX_DEPTH + 1) + "category = 'A'" + ")".repeat(Cql2.MAX_DEPTH + 1);
        assertThatThrownBy(() -> eval(deep)).hasMessageContaining("nests more than");
        String wide = "category IN (" + "'A', ".repeat(Cql2.MAX_NODES) + "'B')";
        assertThatThrownBy(() -> eval(wide)).hasMessageContaining("more than " + Cql2.MAX_NODES);
        String longText = "category = '" + "x".repeat(Cql2.MAX_CHARS) + "'";
        assertThatThrownBy(() -> eval(longText)).hasMessageContaining("longer than");
        StringBuilder line = new StringBuilder("S_INTERSECTS(geometry, LINESTRING(");
        for (int i = 0; i <= Cql2.MAX_VERTICES; i++) {
            line.append(i == 0 ? "" : ",").append(i % 10).append(' ').append(i / 10 % 2);
        }
        assertThatThrownBy(() -> eval(line + "))")).hasMessageContaining("vertices");
    }

    @Test
    void tellsTheStoreWhatItMayPreFilter() {
        Filter f = Cql2.parse(
                "category = 'KEY_CONTROL' AND S_INTERSECTS(geometry, BBOX(125, 42, 125.5, 42.5)) AND areaM2 > 1",
                Q,
                UnaryOperator.identity(),
                F);
        assertThat(f.requiredEqualities()).containsExactly(Map.entry("category", "KEY_CONTROL"));
        assertThat(f.envelope()).isEqualTo(new Envelope(125, 125.5, 42, 42.5));
        assertThat(f.spatial()).isTrue();
        Filter or = Cql2.parse("category = 'A' OR S_INTERSECTS(geometry, POINT(1 2))", Q, UnaryOperator.identity(), F);
        assertThat(or.requiredEqualities()).isEmpty();
        assertThat(or.envelope()).isNull();
    }
}
