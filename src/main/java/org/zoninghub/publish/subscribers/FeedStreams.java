package org.zoninghub.publish.subscribers;

import java.util.Optional;

/**
 * The outbox streams (aggregate types, sequence spaces) of the subscriber feeds: a subscriber's copies of a source
 * stream are the stream {@code feed:{subscriberId}:{source stream}}, so that a feed counts its own sequence per key.
 */
public final class FeedStreams {

    private static final String PREFIX = "feed:";

    private FeedStreams() {}

    /** The stream of a subscriber's copies of a source stream. */
    public static String of(String subscriberId, String sourceStream) {
        return PREFIX + subscriberId + ":" + sourceStream;
    }

    /** The subscriber whose feed a stream is, or empty for a stream that is not a feed. */
    public static Optional<String> subscriberOf(String stream) {
        if (!stream.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = stream.indexOf(':', PREFIX.length());
        return end < 0 ? Optional.empty() : Optional.of(stream.substring(PREFIX.length(), end));
    }
}
