package org.zoninghub.platform.containers;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.zoninghub.platform.embedded.SharedInfrastructure;

/**
 * Under {@code -Pcontainers} (system property {@value SharedInfrastructure#CONTAINERS}) without a Docker engine,
 * skips every test of the run with the reason, and says so once on the console; otherwise does nothing. The profile
 * registers it for every test class (JUnit's extension auto-detection, {@code META-INF/services}); the default build
 * never loads it.
 */
public class ContainersCondition implements ExecutionCondition {

    static final String NO_DOCKER = "no Docker engine reachable: -Pcontainers runs the integration tests against"
            + " postgres:17 and apache/kafka:3.9.1 through Testcontainers, which needs one (DOCKER_HOST or"
            + " /var/run/docker.sock); skipped";

    private static final Logger LOG = LoggerFactory.getLogger(ContainersCondition.class);
    private static final AtomicBoolean REPORTED = new AtomicBoolean();
    private static volatile Boolean docker;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!SharedInfrastructure.containers()) {
            return ConditionEvaluationResult.enabled("not a containers run");
        }
        if (dockerAvailable()) {
            return ConditionEvaluationResult.enabled("Docker is available");
        }
        if (REPORTED.compareAndSet(false, true)) {
            LOG.warn(NO_DOCKER);
        }
        return ConditionEvaluationResult.disabled(NO_DOCKER);
    }

    static boolean dockerAvailable() {
        Boolean known = docker;
        if (known == null) {
            known = DockerClientFactory.instance().isDockerAvailable();
            docker = known;
        }
        return known;
    }
}
