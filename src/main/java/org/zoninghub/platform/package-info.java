/**
 * What the hub runs on: configuration records and the jurisdiction served, security, the start-up report, the guard
 * that explains a missing database or broker, and the built-in simulator of the provincial platform ({@code
 * platform.simulator}) for the zero-setup run. The embedded PostgreSQL and Kafka themselves live on the test
 * classpath, so the production jar holds neither.
 *
 * <p>May use: {@code zoning}.
 */
package org.zoninghub.platform;
