package org.zoninghub.api.compliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.zoninghub.store.ApiKeyLookup;

/** Puts {@link DirectCheck} in front of the security filter chain, for its one path. */
@Configuration(proxyBeanMethods = false)
class DirectCheckRegistration {

    @Bean
    FilterRegistrationBean<DirectCheck> directCheck(
            ComplianceController controller,
            ApiKeyLookup keys,
            ApplicationAvailability availability,
            ObjectMapper mapper,
            ComplianceProperties properties) {
        FilterRegistrationBean<DirectCheck> registration = new FilterRegistrationBean<>(new DirectCheck(
                controller,
                keys,
                availability,
                mapper,
                // a body is read into one array here; a larger budget is left to the generic path
                Math.min(properties.maxRequestBytes(), Integer.MAX_VALUE - 8)));
        registration.addUrlPatterns(DirectCheck.PATH);
        // after the request's observation (http.server.requests) begins, before the security filter chain
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        registration.setName("directComplianceCheck");
        return registration;
    }
}
