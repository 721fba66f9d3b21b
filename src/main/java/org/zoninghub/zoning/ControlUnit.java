package org.zoninghub.zoning;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.locationtech.jts.geom.Geometry;

/**
 * An environmental control unit (环境管控单元) as a source delivered it: the one model of a unit on its way in, from
 * the provincial API, a file or an administrator's dynamic update, to the planner that compares it with the store.
 *
 * <p>The record holds what a source delivered; it does not reject a malformed code or a missing geometry, so that the
 * caller can report every defect of a record at once ({@link #codeDefects}, and the spatial package's geometry checks,
 * which report a missing geometry of an active unit as empty). JTS geometries are mutable: treat the geometry as
 * read-only.
 *
 * @param code unit code, e.g. {@code ZH22040210001}
 * @param name Chinese name
 * @param category the unit's category; the code's digit should agree
 * @param divisionCode county-level division the unit belongs to; the code's division should agree
 * @param basins the river basins the unit lies in (from its geometry, not its county)
 * @param geometry Polygon or MultiPolygon in EPSG:4490 (longitude, latitude); {@code null} when the source sent none (allowed for a retired unit)
 * @param status whether the unit is in force
 * @param listTexts the texts of the unit's own access list by dimension, as delivered (empty when the source sent
 *     boundaries alone)
 * @param edition the edition (版本号) the source gave the unit, or null
 * @param updatedAt when the source last changed the unit (更新时间), or null
 */
public record ControlUnit(
        String code,
        String name,
        Category category,
        String divisionCode,
        Set<Basin> basins,
        Geometry geometry,
        UnitStatus status,
        EnumMap<Dimension, String> listTexts,
        String edition,
        OffsetDateTime updatedAt) {

    /** A unit without lists, edition or update time (a unit read for its code and geometry alone). */
    public ControlUnit(
            String code,
            String name,
            Category category,
            String divisionCode,
            Set<Basin> basins,
            Geometry geometry,
            UnitStatus status) {
        this(code, name, category, divisionCode, basins, geometry, status, new EnumMap<>(Dimension.class), null, null);
    }

    public ControlUnit {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(divisionCode, "divisionCode");
        Objects.requireNonNull(status, "status");
        basins = basins == null || basins.isEmpty()
                ? Collections.unmodifiableSortedSet(new TreeSet<Basin>())
                : Collections.unmodifiableSortedSet(new TreeSet<>(basins));
        listTexts = listTexts == null ? new EnumMap<>(Dimension.class) : listTexts;
    }

    /**
     * Every defect of the unit's code: its shape, its category digit against {@link #category}, its division against
     * the jurisdiction and against {@link #divisionCode}.
     */
    public List<CodeDefect> codeDefects(Jurisdiction jurisdiction) {
        List<CodeDefect> defects = new ArrayList<>(UnitCodes.validate(code, category, jurisdiction));
        if (UnitCodes.isWellFormed(code) && !UnitCodes.divisionOf(code).equals(divisionCode)) {
            defects.add(new CodeDefect(
                    CodeDefect.Kind.DIVISION_MISMATCH,
                    code,
                    code + ": the code names division " + UnitCodes.divisionOf(code) + " but the unit is recorded in "
                            + divisionCode
                            + jurisdiction
                                    .division(divisionCode)
                                    .map(d -> " (" + d.name() + ")")
                                    .orElse("")));
        }
        return List.copyOf(defects);
    }
}
