package org.zoninghub.platform.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page tokens of the simulator: the offset of the next page, base64-encoded. */
final class PageTokens {

    private PageTokens() {}

    static String of(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The offset of a token; -1 when the token is not one this simulator issued. */
    static int offset(String token) {
        if (token == null || token.isBlank()) {
            return 0;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return s.startsWith("o:") ? Integer.parseInt(s.substring(2)) : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
