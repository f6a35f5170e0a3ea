package dev.gatehouse.it;

import dev.gatehouse.testing.Page;

/** A page's body with what differs per request masked, for byte-for-byte comparisons. */
final class PageBodies {

    private PageBodies() {}

    /**
     * Masks session codes, execution and tab ids, client data and the like, which change with each
     * authentication session, and the strings given (what the user typed, shown back).
     */
    static String masked(Page page, String... alsoMask) {
        String body = page.body()
                .replaceAll("(session_code|execution|tab_id|client_data|key|code)=[^&\"'\\s]+", "$1=MASKED")
                .replaceAll("(name=\"gatehouse_csrf\" value=)\"[^\"]*\"", "$1\"MASKED\"")
                // The passkey sign-in's WebAuthn challenge, fresh on every page.
                .replaceAll("(challenge\\s*:\\s*)\"[^\"]*\"", "$1\"MASKED\"")
                // The authentication session's hash for authChecker.js, and challenges alike.
                .replaceAll("\"[A-Za-z0-9+/_=-]{40,}\"", "\"MASKED\"");
        for (String mask : alsoMask) {
            body = body.replace(mask, "MASKED");
        }
        return body;
    }
}
