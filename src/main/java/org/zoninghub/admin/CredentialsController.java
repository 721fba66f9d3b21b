package org.zoninghub.admin;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.zoninghub.publish.subscribers.Subscribers;
import org.zoninghub.store.Credentials;
import org.zoninghub.store.Credentials.Credential;
import org.zoninghub.store.Credentials.Issued;
import org.zoninghub.web.BadRequestException;
import org.zoninghub.web.ConflictException;
import org.zoninghub.web.NotFoundException;
import org.zoninghub.web.PathIds;

/**
 * Department credentials (role READER): create, list, rotate, revoke. The key is in the answer to create and rotate
 * only; the hub keeps its SHA-256. A revoked credential is refused from the next request on and stays listed.
 */
@RestController
@RequestMapping("/api/v1/admin/credentials")
class CredentialsController {

    /**
     * A new credential.
     *
     * @param username the HTTP Basic user name (a slug, unique)
     * @param name what the credential is for (the department's system)
     * @param department the department, optional
     * @param subscriberId the subscriber this department reads as, optional
     */
    record NewCredential(String username, String name, String department, String subscriberId) {}

    private final Credentials credentials;
    private final Subscribers subscribers;

    CredentialsController(Credentials credentials, Subscribers subscribers) {
        this.credentials = credentials;
        this.subscribers = subscribers;
    }

    @GetMapping
    List<Credential> list() {
        return credentials.list();
    }

    @GetMapping("/{id}")
    Credential get(@PathVariable String id) {
        return credentials.find(uuid(id)).orElseThrow(() -> notFound(id));
    }

    @PostMapping
    ResponseEntity<Issued> create(@RequestBody NewCredential body, Principal principal) {
        if (body.username() == null || !body.username().matches("^[a-z0-9][a-z0-9._-]{1,62}$")) {
            throw new BadRequestException(
                    "username is required: 2 to 63 lower-case letters, digits, '.', '_' or '-', starting with a"
                            + " letter or digit");
        }
        if (body.name() == null || body.name().isBlank() || body.name().length() > 200) {
            throw new BadRequestException("name is required (at most 200 characters)");
        }
        if (body.department() != null && body.department().length() > 200) {
            throw new BadRequestException("department is longer than 200 characters");
        }
        String subscriber = body.subscriberId() == null || body.subscriberId().isBlank() ? null : body.subscriberId();
        if (subscriber != null && subscribers.find(subscriber).isEmpty()) {
            throw new BadRequestException("subscriberId " + subscriber + " is not a subscriber");
        }
        if (credentials.findByUsername(body.username()).isPresent()) {
            throw new ConflictException(
                    "Credential exists", "a credential with username " + body.username() + " exists already");
        }
        Issued issued = credentials.create(
                body.username(), body.name().strip(), body.department(), subscriber, principal.getName());
        return ResponseEntity.created(URI.create(
                        "/api/v1/admin/credentials/" + issued.credential().id()))
                .body(issued);
    }

    /** A new key; the old one is refused at once. */
    @PostMapping("/{id}/rotate")
    Issued rotate(@PathVariable String id) {
        UUID uuid = uuid(id);
        Credential existing = credentials.find(uuid).orElseThrow(() -> notFound(id));
        if (!existing.active()) {
            throw new ConflictException("Credential revoked", "credential " + id + " is revoked; create a new one");
        }
        return credentials.rotate(uuid).orElseThrow(() -> notFound(id));
    }

    /** Revokes the credential; it is refused from the next request on. */
    @DeleteMapping("/{id}")
    Credential revoke(@PathVariable String id, Principal principal) {
        return credentials.revoke(uuid(id), principal.getName()).orElseThrow(() -> notFound(id));
    }

    private static UUID uuid(String id) {
        return PathIds.uuid(id, "a credential");
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("no credential " + id);
    }
}
