package org.zoninghub.api.compliance;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Compliance checks ({@code zoning.compliance.*}): the budgets of one footprint and of a batch, and how the index of
 * the units in force is kept current.
 *
 * @param maxRequestBytes largest body of {@code POST /api/v1/compliance-checks}; also the largest single feature of a
 *     batch (counted in JSON tokens, see {@code maxFeatureTokens})
 * @param maxVertices most positions in one footprint
 * @param maxParts most parts (points, lines, polygons) in one footprint, and most rings in one polygon
 * @param maxNesting deepest JSON nesting of one request or feature (a MultiPolygon's coordinates are four arrays deep)
 * @param maxFeatureTokens most JSON tokens of one batch feature; a larger feature is skipped without being held in
 *     memory and answered as a defect
 * @param maxBatchFeatures most features of one batch; the ones after it are answered by one final problem line
 * @param refreshInterval how often the hub checks the store for changes applied by any instance (a cheap watermark
 *     query) and for future editions whose date has arrived; changes applied by this instance refresh at once
 * @param asOfCacheSize how many indexes of past instants ({@code asOf}) are kept, least recently used first out
 */
@Validated
@ConfigurationProperties("zoning.compliance")
public record ComplianceProperties(
        @DefaultValue("1048576") @Min(1024) long maxRequestBytes,
        @DefaultValue("50000") @Min(4) int maxVertices,
        @DefaultValue("1000") @Min(1) int maxParts,
        @DefaultValue("16") @Min(6) @Max(1000) int maxNesting,
        @DefaultValue("400000") @Min(100) long maxFeatureTokens,
        @DefaultValue("1000000") @Min(1) long maxBatchFeatures,
        @DefaultValue("2s") @NotNull Duration refreshInterval,
        @DefaultValue("8") @Min(1) @Max(1000) int asOfCacheSize) {}
