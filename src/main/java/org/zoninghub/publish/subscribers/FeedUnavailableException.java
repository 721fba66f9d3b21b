package org.zoninghub.publish.subscribers;

/** Kafka could not be asked (unreachable, too slow, refused): the feed topic could not be created. */
public class FeedUnavailableException extends RuntimeException {

    public FeedUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
