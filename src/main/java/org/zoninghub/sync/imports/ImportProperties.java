package org.zoninghub.sync.imports;

import jakarta.validation.constraints.NotNull;
import java.nio.charset.Charset;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How inbound files are read ({@code zoning.sync.files.*}); where they come from is {@code zoning.sync.inbox} and what
 * happens to invalid records is {@code zoning.sync.on-invalid}.
 *
 * @param dbfEncoding text encoding of a Shapefile's DBF when the set has no {@code .cpg} (Chinese GIS software writes
 *     GBK)
 * @param csvEncoding encoding of a CSV list that has no UTF-8 byte order mark and is not valid UTF-8
 * @param lockWait how long an import waits for a provincial sync (or another import) on any instance to finish
 */
@Validated
@ConfigurationProperties("zoning.sync.files")
public record ImportProperties(
        @DefaultValue("GBK") @NotNull Charset dbfEncoding,
        @DefaultValue("GBK") @NotNull Charset csvEncoding,
        @DefaultValue("10m") @NotNull java.time.Duration lockWait) {}
