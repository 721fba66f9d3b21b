/**
 * Publication to departmental systems: the outbox relay to Kafka ({@code publish.camel.OutboxRelay} and the route
 * {@code publish.outbox-relay}; one active relay across instances by {@link org.zoninghub.publish.RelayLock}; the
 * topic of a row chosen from its aggregate type), topics and their definitions, event schemas ({@link
 * org.zoninghub.publish.EventSchemas}), outbox metrics, and the subscriber registry with its feeds ({@code
 * publish.subscribers}).
 *
 * <p>May use: {@code zoning}, {@code store}. Public face for the HTTP side: {@link
 * org.zoninghub.publish.PublishProperties}, {@link org.zoninghub.publish.RelayLock}, {@link
 * org.zoninghub.publish.subscribers.Subscribers}.
 */
package org.zoninghub.publish;
