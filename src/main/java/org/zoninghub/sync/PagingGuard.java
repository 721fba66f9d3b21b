package org.zoninghub.sync;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that the pages of one run form one consistent read of the platform: no page token served twice (a loop),
 * no record on two pages (a repeated or shifted page), and one {@code snapshotTime} for every page (the data did not
 * change while it was read). Any violation aborts the run before anything is applied; the next run starts over.
 */
final class PagingGuard {

    private final Map<String, Set<String>> tokens = new HashMap<>();
    private final Map<String, Map<String, Integer>> records = new HashMap<>();
    private String snapshot;
    private String snapshotPage;

    /**
     * Accepts one page or throws naming the page and the problem.
     *
     * @param path the collection ({@code units}, {@code lists})
     * @param page its 1-based number in this run
     * @param keys the record keys on it (unit codes, list scopes); nulls are left to validation
     * @param snapshotTime the platform's snapshot time of the page, or null when it gives none
     * @param requestedToken the token the page was asked for with (null for the first)
     * @param nextToken the token of the next page, or null on the last
     */
    void accept(
            String path, int page, List<String> keys, String snapshotTime, String requestedToken, String nextToken) {
        String where = path + " page " + page;
        if (snapshotTime != null) {
            if (snapshot == null) {
                snapshot = snapshotTime;
                snapshotPage = where;
            } else if (!snapshot.equals(snapshotTime)) {
                throw broken(where + ": the platform's snapshotTime changed from " + snapshot + " (" + snapshotPage
                        + ") to " + snapshotTime + "; the data changed while it was being read");
            }
        }
        Map<String, Integer> seen = records.computeIfAbsent(path, p -> new HashMap<>());
        for (String key : keys) {
            if (key == null) {
                continue;
            }
            Integer first = seen.putIfAbsent(key, page);
            if (first != null && first != page) {
                throw broken(where + ": record " + key + " was already on page " + first
                        + " (the platform repeated or shifted a page)");
            }
        }
        Set<String> served = tokens.computeIfAbsent(path, p -> new HashSet<>());
        if (requestedToken != null) {
            served.add(requestedToken);
        }
        if (nextToken != null && served.contains(nextToken)) {
            throw broken(where + ": next page token " + nextToken + " was already served (the platform loops)");
        }
    }

    private static ProvincialException broken(String message) {
        return new ProvincialException(message, 200, false, null);
    }
}
