package org.zoninghub.reference;

/**
 * What a department does with an event: update its own copy of the units and rules. Called once per event, in
 * sequence order per key. Throwing leaves the event unapplied; it is offered again when Kafka redelivers it.
 */
@FunctionalInterface
public interface ZoningEventHandler {

    void apply(ZoningEvent event) throws Exception;
}
