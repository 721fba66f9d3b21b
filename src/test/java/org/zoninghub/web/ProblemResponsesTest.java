package org.zoninghub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.zoninghub.publish.subscribers.InvalidSubscriberException;
import org.zoninghub.store.SyncRuns.Rejection;
import org.zoninghub.sync.SyncInProgressException;
import org.zoninghub.sync.filing.DynamicUpdateRejectedException;

class ProblemResponsesTest {

    private final ProblemResponses handler = new ProblemResponses();

    private static ProblemDetail body(ResponseEntity<Object> response) {
        return (ProblemDetail) response.getBody();
    }

    @Test
    void anUnexpectedErrorIsA500WithAnIdAndNoExceptionText() {
        ResponseEntity<Object> r = handler.unexpected(new IllegalArgumentException(
                "ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 in select code from unit_version where"));
        ProblemDetail p = body(r);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(p.getDetail())
                .doesNotContain("select", "unit_version", "UTF8", "IllegalArgumentException")
                .contains("logged with id " + p.getProperties().get("errorId"));
    }

    @Test
    void aSyncInProgressIsA409SayingWhatToDo() {
        ResponseEntity<Object> r = handler.syncInProgress(new SyncInProgressException());
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(body(r).getTitle()).isEqualTo("Sync in progress");
        assertThat(body(r).getDetail()).contains("try again when it has finished");
    }

    @Test
    void anInvalidSubscriberNamesTheField() {
        ResponseEntity<Object> r =
                handler.invalidSubscriber(new InvalidSubscriberException("filter.categories[1]", "unknown category X"));
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(r).getProperties()).containsEntry("field", "filter.categories[1]");
        assertThat(body(r).getDetail()).isEqualTo("filter.categories[1]: unknown category X");
    }

    @Test
    void aRejectedDynamicUpdateListsEveryRejectedRecord() {
        List<Rejection> rejected = List.of(new Rejection("ZH22040210001", "empty list: KJBJYS"));
        ResponseEntity<Object> r = handler.dynamicUpdateRejected(
                new DynamicUpdateRejectedException("the dynamic update has defects; nothing was applied", rejected));
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(body(r).getProperties()).containsEntry("rejected", rejected);
    }

    @Test
    void aBadJsonBodyIsLocatedWithoutTheParsersMessage() {
        com.fasterxml.jackson.core.JsonParseException e = new com.fasterxml.jackson.core.JsonParseException(
                null,
                "Unexpected character ('}' (code 125)) in com.example.Secret",
                new com.fasterxml.jackson.core.JsonLocation(null, 10, 3, 7));
        assertThat(ProblemResponses.jsonLocation(e)).isEqualTo(" (line 3, column 7)");
    }
}
