package org.zoninghub.sync.filing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Filing (备案) of local dynamic updates with the province ({@code zoning.filing.*}).
 *
 * @param pollInterval how often open filings are submitted again or asked about
 */
@ConfigurationProperties("zoning.filing")
public record FilingProperties(@DefaultValue("60s") Duration pollInterval) {}
