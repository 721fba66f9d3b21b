package org.zoninghub.store;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The origin the hub names in every event it writes to the outbox ({@code zoning.publish.source}).
 *
 * @param source the CloudEvents {@code source} of every event, {@code /zoning-hub/{jurisdiction}}
 */
@Validated
@ConfigurationProperties("zoning.publish")
public record EventSource(@NotBlank String source) {}
