package org.zoninghub.sync.filing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A local dynamic update (动态更新) as an administrator writes it. Only what changes need be given: for an existing
 * unit or list, absent fields keep their current values.
 *
 * @param description why the zoning changes (e.g. the adjustment of a water-source protection zone); filed with it
 * @param effectiveFrom when the new edition takes effect; absent means now
 * @param units units to add, change or retire
 * @param lists city-wide or basin lists to change
 */
public record DynamicUpdateRequest(
        String description, OffsetDateTime effectiveFrom, List<UnitEdit> units, List<ListEdit> lists) {

    /**
     * @param code the unit code; a new code adds a unit
     * @param name new name
     * @param category new category (PRIORITY_PROTECTION, KEY_CONTROL, GENERAL_CONTROL or 1/2/3); it must agree with
     *     the code's category digit, so a reclassified unit gets a new code
     * @param basins new basins (LIAOHE, SONGHUA)
     * @param geometry new geometry, GeoJSON Polygon or MultiPolygon in EPSG:4490
     * @param lists new texts of the unit's own list, by dimension (SPATIAL_LAYOUT … or KJBJYS …)
     * @param retire retire the unit (废止) and its list
     */
    public record UnitEdit(
            String code,
            String name,
            String category,
            List<String> basins,
            JsonNode geometry,
            Map<String, String> lists,
            boolean retire) {}

    /**
     * @param scopeCode the jurisdiction's code (city-wide list) or a basin code
     * @param texts new texts by dimension
     */
    public record ListEdit(String scopeCode, Map<String, String> texts) {}
}
