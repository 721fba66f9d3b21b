package org.zoninghub.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link EmbeddedInfrastructureException} into Spring Boot's "APPLICATION FAILED TO START" report, so a
 * person reads what went wrong and which setting fixes it instead of a stack trace.
 *
 * <p>Registered in {@code META-INF/spring.factories}; it lives in main code because both the production guard
 * ({@link EmbeddedInfrastructureGuard}) and the embedded infrastructure of the zero-setup run (test classpath)
 * throw the exception.
 */
public class EmbeddedInfrastructureFailureAnalyzer
        extends AbstractFailureAnalyzer<EmbeddedInfrastructureFailureAnalyzer.EmbeddedInfrastructureException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedInfrastructureException cause) {
        String action = cause.action();
        return new FailureAnalysis(
                cause.description() + ".", Character.toUpperCase(action.charAt(0)) + action.substring(1) + ".", cause);
    }

    /**
     * The embedded PostgreSQL/Kafka of the zero-setup run cannot start as configured (a port is taken, the embedded
     * classes are missing from a production jar, a server failed). Its message is the description followed by the
     * action, so it reads well even where no failure analyzer runs (a test's stack trace, a log line).
     */
    public static class EmbeddedInfrastructureException extends RuntimeException {

        private final String description;
        private final String action;

        /**
         * @param description what is wrong, one sentence without a final period
         * @param action what to do about it, naming the setting; lower case, without a final period
         */
        public EmbeddedInfrastructureException(String description, String action) {
            this(description, action, null);
        }

        public EmbeddedInfrastructureException(String description, String action, Throwable cause) {
            super(description + "; " + action, cause);
            this.description = description;
            this.action = action;
        }

        public String description() {
            return description;
        }

        public String action() {
            return action;
        }
    }
}
