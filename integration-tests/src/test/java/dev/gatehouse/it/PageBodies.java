package dev.gatehouse.it;

import dev.gatehouse.testing.Page;

/** A page's body with what differs per request masked, for byte-for-byte comparisons. */
final class PageBodies {

    private PageBodies() {}

    /**
     * Masks session codes, execution and tab ids, client data and the like: every query parameter
     * value and hidden field of Keycloak's forms, which change with each authentication session.
     */
    static String masked(Page page, String... alsoMask) {
        String body = page.body()
                .replaceAll("(session_code|execution|tab_id|client_data|key|code)=[^&\"'\\s]+", "$1=MASKED")
                .replaceAll("(name=\"gatehouse_csrf\" value=)\"[^\"]*\"", "$1\"MASKED\"");
        for (String mask : alsoMask) {
            body = body.replace(mask, "MASKED");
        }
        return body;
    }
}
