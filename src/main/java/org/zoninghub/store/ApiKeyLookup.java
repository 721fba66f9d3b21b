package org.zoninghub.store;

import java.util.Optional;
import java.util.UUID;
import org.zoninghub.store.Credentials.Credential;

/**
 * Department keys ({@code X-Api-Key}) as the hub's security verifies them: the active credential a key belongs to,
 * from the copy of the credentials the security keeps in memory. For a request path that authenticates a request
 * itself (the direct compliance check); every other path goes through the security filter chain.
 */
public interface ApiKeyLookup {

    /** The active credential whose key this is, or empty (unknown, revoked or rotated). */
    Optional<Credential> byKey(String key);

    /** Notes that a credential was used (written in the background). */
    void used(UUID id);
}
