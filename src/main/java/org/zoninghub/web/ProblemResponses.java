package org.zoninghub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolationException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.zoninghub.publish.subscribers.FeedUnavailableException;
import org.zoninghub.publish.subscribers.InvalidSubscriberException;
import org.zoninghub.publish.subscribers.SubscriberConflictException;
import org.zoninghub.sync.SyncInProgressException;
import org.zoninghub.sync.filing.DynamicUpdateRejectedException;
import org.zoninghub.sync.imports.ImportQueueFullException;

/**
 * The one error path of the HTTP API: every exception a controller lets escape becomes RFC 9457 problem+json.
 *
 * <ul>
 *   <li>Exceptions that carry their own answer ({@link BadRequestException}, {@link NotFoundException},
 *       {@link ConflictException}, Spring MVC's own: missing parameter, wrong method, unknown path …) keep it.
 *   <li>The capabilities' exceptions that a caller can act on are mapped here, once: invalid subscriber 400 (with the
 *       offending {@code field}), subscriber conflict 409, sync in progress 409, rejected dynamic update 422 (with
 *       every {@code rejected} record), Kafka unavailable 503, upload too large 413, upload queue full 429.
 *   <li>Anything else is a fault of the hub: 500 with a generic, actionable detail and an {@code errorId} that is
 *       logged with the stack trace. The caller never sees exception text, class names or SQL.
 * </ul>
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler
    ResponseEntity<Object> invalidSubscriber(InvalidSubscriberException e) {
        ProblemDetail p = BadRequestException.problem(HttpStatus.BAD_REQUEST, "Invalid subscriber", e.getMessage());
        p.setProperty("field", e.field());
        return respond(p);
    }

    @ExceptionHandler
    ResponseEntity<Object> subscriberConflict(SubscriberConflictException e) {
        return respond(BadRequestException.problem(HttpStatus.CONFLICT, "Subscriber conflict", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<Object> feedUnavailable(FeedUnavailableException e) {
        return respond(BadRequestException.problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Kafka unavailable",
                e.getMessage() + "; nothing was changed, try again when Kafka is up"));
    }

    @ExceptionHandler
    ResponseEntity<Object> syncInProgress(SyncInProgressException e) {
        return respond(BadRequestException.problem(HttpStatus.CONFLICT, "Sync in progress", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<Object> dynamicUpdateRejected(DynamicUpdateRejectedException e) {
        ProblemDetail p =
                BadRequestException.problem(HttpStatus.UNPROCESSABLE_ENTITY, "Dynamic update rejected", e.getMessage());
        p.setProperty("rejected", e.rejected());
        return respond(p);
    }

    @ExceptionHandler
    ResponseEntity<Object> importQueueFull(ImportQueueFullException e) {
        ProblemDetail p =
                BadRequestException.problem(HttpStatus.TOO_MANY_REQUESTS, "Import queue full", e.getMessage());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, "30")
                .body(p);
    }

    @ExceptionHandler
    ResponseEntity<Object> constraintViolation(ConstraintViolationException e) {
        return respond(BadRequestException.problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(BadRequestException.problem(
                HttpStatus.BAD_REQUEST,
                "Bad request",
                "parameter \"" + e.getName() + "\" cannot take the value \"" + shorten(String.valueOf(e.getValue()))
                        + "\""));
    }

    /** The last resort: a fault of the hub, logged with an id the caller can quote; no exception text leaves. */
    @ExceptionHandler
    ResponseEntity<Object> unexpected(Exception e) {
        String errorId = UUID.randomUUID().toString();
        log.error("unexpected error {} answering a request", errorId, e);
        ProblemDetail p = BadRequestException.problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error",
                "the hub could not answer this request because of an internal error; it was logged with id " + errorId
                        + ". Try again; if it persists, give the id to the hub's administrator");
        p.setProperty("errorId", errorId);
        return respond(p);
    }

    /** A multipart request the server would not parse: too many parts, or not multipart at all. */
    @ExceptionHandler
    ResponseEntity<Object> multipart(MultipartException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().contains("FileCountLimitExceeded")) {
                return respond(BadRequestException.problem(
                        HttpStatus.PAYLOAD_TOO_LARGE,
                        "Too many parts",
                        "the request holds more parts than server.tomcat.max-part-count allows; a delivery holds at"
                                + " most zoning.sync.files.max-files files"));
            }
        }
        return respond(BadRequestException.problem(
                HttpStatus.BAD_REQUEST, "Bad request", "the request is not a readable multipart/form-data request"));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            MaxUploadSizeExceededException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(BadRequestException.problem(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "Upload too large",
                "the upload exceeds the limit of spring.servlet.multipart.max-file-size; split the delivery or ask"
                        + " the administrator to raise the limit"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(BadRequestException.problem(
                HttpStatus.BAD_REQUEST,
                "Bad request",
                "the request body is not readable as the JSON this endpoint takes"
                        + jsonLocation(ex.getMostSpecificCause())));
    }

    private static ResponseEntity<Object> respond(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).body(p);
    }

    /** Where a JSON body went wrong (field path, line and column), without the parser's own message. */
    static String jsonLocation(Throwable cause) {
        StringBuilder where = new StringBuilder();
        if (cause instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            where.append(" at field ");
            String path = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce("", String::concat);
            where.append(path.startsWith(".") ? path.substring(1) : path);
        }
        if (cause instanceof JsonProcessingException j && j.getLocation() != null) {
            where.append(" (line ")
                    .append(j.getLocation().getLineNr())
                    .append(", column ")
                    .append(j.getLocation().getColumnNr())
                    .append(')');
        }
        return where.toString();
    }

    private static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
