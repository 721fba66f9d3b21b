package org.zoninghub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoninghub.store.DynamicUpdateStore;
import org.zoninghub.store.DynamicUpdateStore.DynamicUpdate;
import org.zoninghub.sync.filing.DynamicUpdateRequest;
import org.zoninghub.sync.filing.DynamicUpdates;
import org.zoninghub.web.BadRequestException;
import org.zoninghub.web.NotFoundException;

/**
 * Local dynamic updates and their filing (备案) for administrators (docs/http-api.md): {@code GET|POST
 * /dynamic-updates}, {@code GET /filings}, {@code GET /filings/{id}}.
 */
@RestController
@RequestMapping("/api/v1/admin")
class DynamicUpdatesController {

    private final DynamicUpdates updates;
    private final DynamicUpdateStore store;
    private final ObjectMapper json;

    DynamicUpdatesController(DynamicUpdates updates, DynamicUpdateStore store, ObjectMapper json) {
        this.updates = updates;
        this.store = store;
        this.json = json;
    }

    /** Applies a local update as a new edition and files it with the province; 201 with the update. */
    @PostMapping("/dynamic-updates")
    ResponseEntity<ObjectNode> submit(@RequestBody DynamicUpdateRequest request, Principal principal) {
        DynamicUpdate update = updates.submit(request, principal == null ? "unknown" : principal.getName());
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Location", "/api/v1/admin/dynamic-updates/" + update.id())
                .body(view(update, true));
    }

    @GetMapping("/dynamic-updates")
    List<ObjectNode> list(@RequestParam(defaultValue = "50") int limit) {
        return store.recent(checked(limit)).stream().map(u -> view(u, false)).toList();
    }

    @GetMapping("/dynamic-updates/{id}")
    ObjectNode get(@PathVariable String id) {
        return view(find(id), true);
    }

    /** Filings, newest first: the filing side of each dynamic update. */
    @GetMapping("/filings")
    List<ObjectNode> filings(@RequestParam(defaultValue = "50") int limit) {
        return store.recent(checked(limit)).stream().map(this::filing).toList();
    }

    /** One filing, by the province's filing id or by the dynamic update's id. */
    @GetMapping("/filings/{id}")
    ObjectNode filing(@PathVariable String id) {
        return filing(store.findByFilingId(id).orElseGet(() -> find(id)));
    }

    private DynamicUpdate find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no dynamic update or filing " + id);
        }
        return store.find(uuid).orElseThrow(() -> new NotFoundException("no dynamic update or filing " + id));
    }

    private static int checked(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit " + limit + " is outside 1..1000");
        }
        return limit;
    }

    private ObjectNode view(DynamicUpdate u, boolean withRequest) {
        ObjectNode n = json.createObjectNode();
        n.put("id", u.id().toString());
        n.put("edition", u.edition());
        n.put("description", u.description());
        n.put("effectiveFrom", u.effectiveFrom().toString());
        n.put("submittedBy", u.submittedBy());
        n.put("createdAt", u.createdAt().toString());
        n.put("syncRunId", u.syncRunId().toString());
        n.set("counts", read(u.counts()));
        n.set("filing", filing(u));
        if (withRequest) {
            n.set("request", read(u.request()));
        }
        return n;
    }

    private ObjectNode filing(DynamicUpdate u) {
        ObjectNode f = json.createObjectNode();
        f.put("filingId", u.filingId());
        f.put("dynamicUpdateId", u.id().toString());
        f.put("edition", u.edition());
        f.put("status", u.filingStatus().name());
        f.put("comment", u.filingComment());
        f.put("error", u.filingError());
        f.put("updatedAt", u.filingUpdatedAt().toString());
        return f;
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
