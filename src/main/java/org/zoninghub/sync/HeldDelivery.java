package org.zoninghub.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Set;
import org.zoninghub.spatial.Wkb;
import org.zoninghub.store.SyncRuns.Rejection;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.ControlUnit;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.Jurisdiction;
import org.zoninghub.zoning.UnitStatus;

/**
 * What a HELD run keeps so that its confirmation applies exactly what was held: the delivery (geometries as WKB,
 * bit for bit), the records it rejected, who made its editions and the cursor it would move. Stored as JSON in the
 * run's row.
 */
record HeldDelivery(
        List<HeldUnit> units,
        List<Delivery.IncomingList> lists,
        List<Rejection> rejected,
        boolean full,
        String editionSource,
        String cursorSource,
        OffsetDateTime cursorUpdatedSince) {

    record HeldUnit(
            String code,
            String name,
            Category category,
            String divisionCode,
            List<String> basins,
            String wkb,
            UnitStatus status,
            EnumMap<Dimension, String> listTexts,
            String edition,
            OffsetDateTime updatedAt) {}

    static HeldDelivery of(Delivery delivery, String editionSource, ChangeApplier.Cursor cursor) {
        return new HeldDelivery(
                delivery.units().stream()
                        .map(u -> new HeldUnit(
                                u.code(),
                                u.name(),
                                u.category(),
                                u.divisionCode(),
                                u.basins().stream().map(Basin::code).toList(),
                                u.geometry() == null
                                        ? null
                                        : Base64.getEncoder().encodeToString(Wkb.write(u.geometry())),
                                u.status(),
                                u.listTexts(),
                                u.edition(),
                                u.updatedAt()))
                        .toList(),
                delivery.lists(),
                delivery.rejected(),
                delivery.full(),
                editionSource,
                cursor == null ? null : cursor.source(),
                cursor == null ? null : cursor.updatedSince());
    }

    /** The delivery held, its basins (held as codes) resolved through the jurisdiction. */
    Delivery delivery(Jurisdiction jurisdiction) {
        return new Delivery(
                units.stream()
                        .map(u -> new ControlUnit(
                                u.code(),
                                u.name(),
                                u.category(),
                                u.divisionCode(),
                                u.basins() == null
                                        ? Set.of()
                                        : u.basins().stream()
                                                .map(jurisdiction::storedBasin)
                                                .collect(java.util.stream.Collectors.toSet()),
                                u.wkb() == null
                                        ? null
                                        : Wkb.read(Base64.getDecoder().decode(u.wkb())),
                                u.status(),
                                u.listTexts() == null ? new EnumMap<>(Dimension.class) : u.listTexts(),
                                u.edition(),
                                u.updatedAt()))
                        .toList(),
                lists,
                rejected,
                full);
    }

    ChangeApplier.Cursor cursor() {
        return cursorSource == null ? null : new ChangeApplier.Cursor(cursorSource, cursorUpdatedSince);
    }

    String toJson(ObjectMapper json) {
        try {
            return json.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the held delivery cannot be written: " + e.getOriginalMessage(), e);
        }
    }

    static HeldDelivery fromJson(String text, ObjectMapper json) {
        try {
            return json.readValue(text, HeldDelivery.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the held delivery cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
