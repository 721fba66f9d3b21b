package org.zoninghub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ReadinessGateTest {

    /** Spring Boot's availability reduced to one readiness state. */
    record Availability(ReadinessState readiness) implements ApplicationAvailability {
        @Override
        public <S extends AvailabilityState> S getState(Class<S> type, S defaultState) {
            return getState(type);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <S extends AvailabilityState> S getState(Class<S> type) {
            return type == ReadinessState.class ? (S) readiness : (S) LivenessState.CORRECT;
        }

        @Override
        public <S extends AvailabilityState>
                org.springframework.boot.availability.AvailabilityChangeEvent<S> getLastChangeEvent(Class<S> type) {
            return null;
        }
    }

    private final AtomicInteger passed = new AtomicInteger();
    private final FilterChain chain = (req, res) -> passed.incrementAndGet();

    private MockHttpServletResponse send(ReadinessState state, String method, String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        new ReadinessGate(new Availability(state)).doFilter(request, response, chain);
        return response;
    }

    @Test
    void aChangeUnderApiWhileNotReadyIsRefusedWith503AndNothingPasses() throws Exception {
        MockHttpServletResponse r = send(ReadinessState.REFUSING_TRAFFIC, "POST", "/api/v1/admin/sync-runs");
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeader("Retry-After")).isEqualTo("5");
        assertThat(r.getContentType()).startsWith("application/problem+json");
        assertThat(r.getContentAsString())
                .contains("\"title\":\"Hub not ready\"")
                .contains("REFUSING_TRAFFIC")
                .contains("nothing was changed");
        assertThat(passed).hasValue(0);
    }

    @Test
    void everyStateChangingMethodIsGatedAndReadsAreNot() throws Exception {
        for (String method : new String[] {"PUT", "PATCH", "DELETE"}) {
            assertThat(send(ReadinessState.REFUSING_TRAFFIC, method, "/api/v1/admin/subscribers/x")
                            .getStatus())
                    .as(method)
                    .isEqualTo(503);
        }
        assertThat(send(ReadinessState.REFUSING_TRAFFIC, "GET", "/api/v1/units").getStatus())
                .isEqualTo(200);
        assertThat(passed).hasValue(1);
    }

    @Test
    void outsideTheApiAndOnceReadyEverythingPasses() throws Exception {
        assertThat(send(ReadinessState.REFUSING_TRAFFIC, "POST", "/login").getStatus())
                .isEqualTo(200);
        assertThat(send(ReadinessState.ACCEPTING_TRAFFIC, "POST", "/api/v1/admin/sync-runs")
                        .getStatus())
                .isEqualTo(200);
        assertThat(passed).hasValue(2);
    }
}
