package org.zoninghub.store;

import java.time.OffsetDateTime;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.RuleLevel;
import org.zoninghub.zoning.UnitStatus;

/** One stored version of an access rule (one clause of one dimension of one list). */
public record StoredRule(
        String ruleId,
        int version,
        String edition,
        RuleLevel level,
        String scopeCode,
        Dimension dimension,
        int seq,
        String text,
        String sourceText,
        UnitStatus status,
        String contentHash,
        OffsetDateTime validFrom,
        OffsetDateTime validTo,
        OffsetDateTime recordedAt) {}
