package org.zoninghub.sync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP exchanges with a platform that the hub does not trust with its resources: each exchange has one deadline that
 * covers the body as well as the headers (a body that trickles is cut off when it passes), a body larger than its
 * cap is refused as it arrives, and a redirect is followed only to the same origin (scheme, host and port), so the
 * credentials sent with the request never reach another host.
 */
public final class BoundedBodies {

    /** Redirects followed at most for one request. */
    static final int MAX_REDIRECTS = 5;

    private BoundedBodies() {}

    /** A body larger than the cap. */
    public static final class TooLargeException extends IOException {
        TooLargeException(long max) {
            super("the body is larger than " + max + " bytes");
        }
    }

    /** A redirect to another origin, not followed. */
    public static final class CrossOriginRedirectException extends IOException {
        CrossOriginRedirectException(URI from, String to) {
            super("redirected from " + origin(from) + " to " + to + ", another origin; not followed (credentials are"
                    + " never sent to another host)");
        }
    }

    /**
     * Sends a request built by {@code request} for each URI (the first, then same-origin redirect targets), with one
     * deadline for the whole exchange, redirects and bodies included.
     *
     * @param client a client that does not follow redirects itself
     * @throws HttpTimeoutException when the deadline passes, however far the exchange got
     * @throws TooLargeException when a body exceeds {@code maxBytes}
     * @throws CrossOriginRedirectException when redirected to another origin
     */
    public static HttpResponse<byte[]> send(
            HttpClient client,
            URI uri,
            java.util.function.Function<URI, HttpRequest> request,
            Duration deadline,
            long maxBytes)
            throws IOException, InterruptedException {
        Objects.requireNonNull(client, "client");
        long end = System.nanoTime() + deadline.toNanos();
        URI current = uri;
        for (int hop = 0; ; hop++) {
            HttpResponse<byte[]> response =
                    await(client.sendAsync(request.apply(current), r -> capped(maxBytes)), end, deadline);
            int status = response.statusCode();
            if (status < 300 || status >= 400 || status == 304) {
                return response;
            }
            String location = response.headers().firstValue("Location").orElse(null);
            if (location == null) {
                return response;
            }
            URI next = current.resolve(location);
            if (!sameOrigin(uri, next)) {
                throw new CrossOriginRedirectException(uri, origin(next));
            }
            if (hop + 1 >= MAX_REDIRECTS) {
                throw new IOException("more than " + MAX_REDIRECTS + " redirects");
            }
            current = next;
        }
    }

    private static <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> future, long end, Duration deadline)
            throws IOException, InterruptedException {
        try {
            return future.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + deadline + " (headers and body)");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? "the exchange failed" : cause.toString(), cause);
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    static String origin(URI u) {
        return (u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT) + "://")
                + (u.getHost() == null ? "?" : u.getHost())
                + (u.getPort() >= 0 ? ":" + u.getPort() : "");
    }

    /** A body subscriber that keeps at most {@code max} bytes and fails (cancelling the stream) past them. */
    static HttpResponse.BodySubscriber<byte[]> capped(long max) {
        return new HttpResponse.BodySubscriber<>() {
            private final ByteArrayOutputStream out = new ByteArrayOutputStream();
            private final CompletableFuture<byte[]> body = new CompletableFuture<>();
            private Flow.Subscription subscription;

            @Override
            public CompletionStage<byte[]> getBody() {
                return body;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> buffers) {
                if (body.isDone()) {
                    return;
                }
                for (ByteBuffer b : buffers) {
                    if (out.size() + (long) b.remaining() > max) {
                        subscription.cancel();
                        body.completeExceptionally(new TooLargeException(max));
                        return;
                    }
                    byte[] chunk = new byte[b.remaining()];
                    b.get(chunk);
                    out.writeBytes(chunk);
                }
            }

            @Override
            public void onError(Throwable t) {
                body.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                body.complete(out.toByteArray());
            }
        };
    }
}
