package org.zoninghub.store;

import java.time.OffsetDateTime;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.UnitStatus;

/** One stored version of a control unit. {@code validTo} is null for the latest version of a code. */
public record StoredUnit(
        String code,
        int version,
        String edition,
        String name,
        Category category,
        String divisionCode,
        List<Basin> basins,
        UnitStatus status,
        Geometry geometry,
        double areaM2,
        String contentHash,
        OffsetDateTime validFrom,
        OffsetDateTime validTo,
        OffsetDateTime recordedAt) {}
