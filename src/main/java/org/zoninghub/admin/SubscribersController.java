package org.zoninghub.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.zoninghub.publish.subscribers.FeedBootstrap;
import org.zoninghub.publish.subscribers.FeedLag;
import org.zoninghub.publish.subscribers.Subscriber;
import org.zoninghub.publish.subscribers.SubscriberDefinition;
import org.zoninghub.publish.subscribers.SubscriberFilter;
import org.zoninghub.publish.subscribers.Subscribers;
import org.zoninghub.web.NotFoundException;
import org.zoninghub.zoning.Jurisdiction;

/**
 * Departmental subscribers for administrators (docs/http-api.md): register, list, inspect with lag, replace, disable,
 * bootstrap. Errors are problem+json: 400 naming the field and its defect ({@code field} property), 404, 409 for a
 * duplicate id or a bootstrap of a disabled subscriber, 503 when Kafka cannot create a feed topic.
 */
@RestController
@RequestMapping("/api/v1/admin/subscribers")
class SubscribersController {

    private static final String BASE = "/api/v1/admin/subscribers/";

    private final Subscribers subscribers;
    private final Jurisdiction jurisdiction;

    SubscribersController(Subscribers subscribers, Jurisdiction jurisdiction) {
        this.subscribers = subscribers;
        this.jurisdiction = jurisdiction;
    }

    /**
     * A subscriber as the API shows it.
     *
     * @param topic its feed topic
     * @param lag its consumer group's lag on the feed; only when one subscriber is asked for
     */
    record SubscriberView(
            String id,
            String name,
            String department,
            SubscriberFilter filter,
            String consumerGroup,
            boolean enabled,
            String topic,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            OffsetDateTime bootstrappedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) FeedLag lag) {}

    @GetMapping
    List<SubscriberView> list() {
        return subscribers.list().stream().map(s -> view(s, null)).toList();
    }

    @PostMapping
    ResponseEntity<SubscriberView> create(@RequestBody JsonNode body) {
        Subscriber created = subscribers.create(SubscriberDefinition.read(body, null, jurisdiction));
        return ResponseEntity.created(URI.create(BASE + created.id())).body(view(created, null));
    }

    @GetMapping("/{id}")
    SubscriberView get(@PathVariable String id) {
        Subscriber s = subscribers.find(id).orElseThrow(() -> notFound(id));
        return view(s, subscribers.lag(s));
    }

    /** Replaces the definition (name, department, filter, consumerGroup, enabled). */
    @PutMapping("/{id}")
    SubscriberView update(@PathVariable String id, @RequestBody JsonNode body) {
        SubscriberDefinition definition = SubscriberDefinition.read(body, id, jurisdiction);
        return view(subscribers.update(definition).orElseThrow(() -> notFound(id)), null);
    }

    /** Disables the subscriber; its topic and history stay (PUT with enabled true resumes the feed). */
    @DeleteMapping("/{id}")
    SubscriberView disable(@PathVariable String id) {
        return view(subscribers.disable(id).orElseThrow(() -> notFound(id)), null);
    }

    /**
     * Appends the current state of every selected unit to the feed; 202 because the relay sends it to Kafka after
     * the answer.
     */
    @PostMapping("/{id}/bootstrap")
    ResponseEntity<FeedBootstrap> bootstrap(@PathVariable String id) {
        return ResponseEntity.accepted().body(subscribers.bootstrap(id).orElseThrow(() -> notFound(id)));
    }

    private SubscriberView view(Subscriber s, FeedLag lag) {
        return new SubscriberView(
                s.id(),
                s.name(),
                s.department(),
                s.filter(),
                s.consumerGroup(),
                s.enabled(),
                subscribers.topic(s.id()),
                s.createdAt(),
                s.updatedAt(),
                s.bootstrappedAt(),
                lag);
    }

    private static ErrorResponseException notFound(String id) {
        return new NotFoundException("no subscriber " + id);
    }
}
