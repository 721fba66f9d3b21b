package org.zoninghub.api.compliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.zoninghub.store.ApiKeyLookup;

/** Puts {@link DirectCheck} in front of every other filter, for its one path. */
@Configuration(proxyBeanMethods = false)
class DirectCheckRegistration {

    @Bean
    FilterRegistrationBean<DirectCheck> directCheck(
            ComplianceController controller,
            ApiKeyLookup keys,
            ApplicationAvailability availability,
            ObjectMapper mapper,
            ComplianceProperties properties,
            MeterRegistry meters) {
        FilterRegistrationBean<DirectCheck> registration = new FilterRegistrationBean<>(new DirectCheck(
                controller,
                keys,
                availability,
                mapper,
                // a body is read into one array here; a larger budget is left to the generic path
                Math.min(properties.maxRequestBytes(), Integer.MAX_VALUE - 8),
                meters));
        registration.addUrlPatterns(DirectCheck.PATH);
        // in front of every other filter, the request's observation (http.server.requests) among them: a check
        // answered here is timed by the filter itself; one handed on is observed and secured as any other request
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("directComplianceCheck");
        return registration;
    }
}
