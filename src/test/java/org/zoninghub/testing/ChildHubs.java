package org.zoninghub.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.core.env.Environment;
import org.zoninghub.ZoningHubApplication;

/**
 * Hubs started as JVMs of their own on a test's PostgreSQL database and Kafka broker, for tests that kill one
 * ({@code SIGKILL}, no shutdown of any kind): no embedded servers, no simulator, no sync at start-up or on schedule,
 * an HTTP port of their own, the test admin ({@code admin} / {@code test-admin-secret}), each with its log under
 * {@code target/}. {@link #close} stops those still running.
 */
public final class ChildHubs implements AutoCloseable {

    /** A started hub: its process, HTTP port and log. */
    public record Hub(String name, Process process, int port, Path log) {

        /** {@code http://localhost:{port}}. */
        public String baseUrl() {
            return "http://localhost:" + port;
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** SIGKILL, then waits until the process is gone. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not end within 30 s of SIGKILL");
            }
        }
    }

    private final Environment env;
    private final List<Hub> started = new ArrayList<>();

    /** Hubs on the database and broker of this test context's {@code env}. */
    public ChildHubs(Environment env) {
        this.env = env;
    }

    /**
     * Starts a hub; {@code settings} are more command-line arguments ({@code --key=value}), none of the keys this
     * class sets (a key given twice would bind to both values joined).
     */
    public Hub start(String name, List<String> settings) throws IOException {
        Path logFile = Path.of("target", name + ".log");
        Files.createDirectories(logFile.getParent());
        int port = freePort();
        String kafka = env.getRequiredProperty("spring.kafka.bootstrap-servers");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                ChildClasspath.of(),
                ZoningHubApplication.class.getName(),
                "--zoning.embedded.enabled=false",
                "--zoning.simulator.enabled=false",
                "--zoning.sync.on-startup=false",
                "--zoning.sync.cron=0 0 3 1 1 *",
                "--zoning.sync.reconcile-cron=0 0 3 1 1 *",
                "--server.port=" + port,
                "--zoning.security.admin.password=test-admin-secret",
                "--spring.datasource.url=" + env.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username=" + env.getRequiredProperty("spring.datasource.username"),
                "--spring.datasource.password=" + env.getRequiredProperty("spring.datasource.password"),
                "--spring.kafka.bootstrap-servers=" + kafka,
                "--camel.component.kafka.brokers=" + kafka));
        command.addAll(settings);
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        Hub hub = new Hub(name, p, port, logFile);
        started.add(hub);
        return hub;
    }

    /** Stops every hub still running: a normal shutdown, forced after 30 s. */
    @Override
    public void close() throws InterruptedException {
        for (Hub h : started) {
            h.process().destroy();
            if (!h.process().waitFor(30, TimeUnit.SECONDS)) {
                h.process().destroyForcibly();
            }
        }
        started.clear();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
