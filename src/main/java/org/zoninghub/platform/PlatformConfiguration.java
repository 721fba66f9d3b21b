package org.zoninghub.platform;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.zoninghub.zoning.Jurisdiction;

/** Wires the configuration records and the jurisdiction the hub serves. */
@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesScan("org.zoninghub")
class PlatformConfiguration {

    @Bean
    Jurisdiction jurisdiction(JurisdictionProperties properties) {
        return properties.toJurisdiction();
    }
}
