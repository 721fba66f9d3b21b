package org.zoninghub.sync;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The provincial "three lines one list" platform ({@code zoning.province.*}), CONTRACT §3.
 *
 * @param baseUrl base URL of the platform's API; the zero-setup run points it at the built-in simulator
 * @param apiKey sent as the {@code X-Api-Key} header
 * @param pageSize page size asked for when paging units and lists
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout timeout of one request, body included
 */
@Validated
@ConfigurationProperties("zoning.province")
public record ProvinceProperties(
        String baseUrl,
        String apiKey,
        @DefaultValue("100") @Min(1) @Max(10000) int pageSize,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("60s") @NotNull Duration requestTimeout) {

    public boolean configured() {
        return baseUrl != null && !baseUrl.isBlank();
    }
}
