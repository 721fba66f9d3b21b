package org.zoninghub.testing;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.JarFile;

/** The class path of a hub started as a child JVM by a test that kills it ({@code SIGKILL}). */
public final class ChildClasspath {

    private ChildClasspath() {}

    /**
     * This JVM's class path for the child, each entry once. Failsafe may start this JVM from a manifest-only jar
     * whose {@code Class-Path} names the real entries; they are listed explicitly, so that a directory reached twice
     * (which would load every route twice) is given once.
     */
    public static String of() throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (path.getFileName().toString().startsWith("surefirebooter")
                    && path.toString().endsWith(".jar")) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    String manifestPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
                    for (String url : manifestPath.trim().split("\\s+")) {
                        URI uri = path.toUri().resolve(url);
                        entries.add(Path.of(uri).toAbsolutePath().normalize().toString());
                    }
                }
            } else {
                entries.add(path.toString());
            }
        }
        Files.write(Path.of("target", "child-hub-classpath.txt"), entries);
        return String.join(File.pathSeparator, entries);
    }
}
