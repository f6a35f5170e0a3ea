package dev.gatehouse.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;

/**
 * {@code /realms/{realm}/gatehouse/troubleshooting}: the support article's reasons, rendered with the
 * realm's login theme, so that it reads like the pages that link to it (SPEC Themes 2).
 * {@code ?reason=<anchor>} highlights one section; the yes/no feedback needs no JavaScript.
 */
public final class TroubleshootingResource {

    static final String TEMPLATE = "gatehouse-troubleshooting.ftl";

    // Anchors are lower-case words and dashes; anything else is ignored, never echoed.
    private static final Pattern ANCHOR = Pattern.compile("[a-z][a-z-]{0,39}");
    private static final Logger LOG = Logger.getLogger(TroubleshootingResource.class);

    private final KeycloakSession session;

    TroubleshootingResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("reason") String reason) {
        return render(reason, false);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response feedback(@FormParam("helpful") String helpful, @FormParam("reason") String reason) {
        String answer = "yes".equals(helpful) ? "yes" : "no";
        LOG.infof(
                "Troubleshooting feedback in realm %s: helpful=%s reason=%s",
                session.getContext().getRealm().getName(), answer, anchor(reason));
        return render(reason, true);
    }

    private Response render(String reason, boolean thanked) {
        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class)
                .setAttribute(
                        "feedbackUrl",
                        session.getContext().getUri().getAbsolutePath().toString());
        String highlighted = anchor(reason);
        if (highlighted != null) {
            form.setAttribute("highlighted", highlighted);
        }
        if (thanked) {
            form.setAttribute("feedbackThanks", true);
        }
        return form.createForm(TEMPLATE);
    }

    private static String anchor(String reason) {
        return reason != null && ANCHOR.matcher(reason).matches() ? reason : null;
    }
}
