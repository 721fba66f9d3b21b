package org.zoninghub.publish.subscribers;

/** A request that contradicts the subscriber's state: a duplicate id, or a bootstrap of a disabled subscriber. */
public class SubscriberConflictException extends RuntimeException {

    public SubscriberConflictException(String message) {
        super(message);
    }
}
