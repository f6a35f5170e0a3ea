package dev.gatehouse.rest.pages;

import dev.gatehouse.rest.ThemedPages;
import dev.gatehouse.support.RealmAttributes;
import dev.gatehouse.support.RealmUrls;
import dev.gatehouse.support.RequestLimits;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code /realms/{realm}/gatehouse/troubleshooting}: the support article's reasons, rendered with the
 * realm's login theme, so that it reads like the pages that link to it (SPEC Themes 2).
 * {@code ?reason=<anchor>} marks one section and shows it first; the yes/no feedback is a plain form
 * POST, recorded as a Keycloak user event (the realm's Events tab), and needs no JavaScript; it
 * carries a CSRF token and is limited per client IP (SPEC S3, S4).
 */
public final class TroubleshootingResource {

    static final String TEMPLATE = "gatehouse-troubleshooting.ftl";

    /**
     * Feedback is a user event: the visitor is anonymous, so an admin event (which names an
     * authenticated admin) does not fit, and user event types are a closed enum, of which
     * CUSTOM_REQUIRED_ACTION, with its detail naming the action, is the one meant for extensions.
     */
    static final String FEEDBACK_ACTION = "gatehouse-troubleshooting-feedback";

    static final String FEEDBACK_DETAIL = "gatehouse_feedback";
    static final String REASON_DETAIL = "gatehouse_reason";

    /** The feedback form's CSRF field, and the cookie that holds the same value. */
    static final String CSRF_FIELD = "gatehouse_csrf";

    static final String CSRF_COOKIE = "GATEHOUSE_FEEDBACK_CSRF";
    static final String FEEDBACK_REFUSED = "gatehouse.feedbackRefused";
    static final String FEEDBACK_TOO_MANY = "gatehouse.feedbackTooMany";

    /**
     * Feedback posts per client IP: realm attributes {@code gatehouseFeedbackIpLimit} (default 10)
     * and {@code gatehouseFeedbackWindowSeconds} (default 3600).
     */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]{32}");

    // Anchors are lower-case words and dashes; anything else is ignored, never echoed.
    private static final Pattern ANCHOR = Pattern.compile("[a-z][a-z-]{0,39}");

    private final KeycloakSession session;

    public TroubleshootingResource(KeycloakSession session) {
        this.session = session;
    }

    /** {@code …/realms/{realm}/gatehouse/troubleshooting}, for the pages and answers that link here. */
    public static UriBuilder pageUri(KeycloakSession session) {
        return RealmUrls.troubleshooting(session, session.getContext().getRealm());
    }

    /** A section, marked by the server and scrolled to by the browser: {@code …?reason=<anchor>#<anchor>}. */
    static String section(KeycloakSession session, String anchor) {
        return RealmUrls.troubleshooting(session, session.getContext().getRealm(), anchor);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("reason") String reason) {
        return render(reason, false).createForm(TEMPLATE);
    }

    /**
     * Records a yes/no answer when the post carries the page's CSRF token and the client IP is
     * within its limit; a refused post records nothing.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response feedback(
            @FormParam("helpful") String helpful,
            @FormParam("reason") String reason,
            @FormParam(CSRF_FIELD) String csrf) {
        if (!csrfMatches(csrf)) {
            return render(reason, false)
                    .setStatus(Response.Status.FORBIDDEN)
                    .setError(FEEDBACK_REFUSED)
                    .createForm(TEMPLATE);
        }
        if (!"yes".equals(helpful) && !"no".equals(helpful)) {
            return render(reason, false).setStatus(Response.Status.BAD_REQUEST).createForm(TEMPLATE);
        }
        RealmModel realm = session.getContext().getRealm();
        if (!new RequestLimits(session, realm, RealmAttributes.FEEDBACK_LIMITS)
                .allow(null, RequestLimits.clientIp(session))) {
            return render(reason, false)
                    .setStatus(Response.Status.TOO_MANY_REQUESTS)
                    .setError(FEEDBACK_TOO_MANY)
                    .createForm(TEMPLATE);
        }
        String anchor = anchor(reason);
        new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.CUSTOM_REQUIRED_ACTION)
                .detail(Details.CUSTOM_REQUIRED_ACTION, FEEDBACK_ACTION)
                .detail(FEEDBACK_DETAIL, helpful)
                .detail(REASON_DETAIL, anchor == null ? "none" : anchor)
                .success();
        return render(reason, true).createForm(TEMPLATE);
    }

    private LoginFormsProvider render(String reason, boolean thanked) {
        LoginFormsProvider form = ThemedPages.forms(session)
                .setAttribute("feedbackUrl", pageUri(session).build().toString())
                .setAttribute("feedbackCsrf", csrfToken());
        String highlighted = anchor(reason);
        if (highlighted != null) {
            form.setAttribute("highlighted", highlighted);
        }
        if (thanked) {
            form.setAttribute("feedbackThanks", true);
        }
        return form;
    }

    /**
     * The page's CSRF token, a double-submit cookie: a random value in a same-site, HTTP-only
     * cookie scoped to this page and in the form. A page of another origin can make a browser
     * post, but can neither read the cookie nor set it, so its post cannot carry the value. The
     * server stores nothing.
     */
    private String csrfToken() {
        Cookie existing = session.getContext().getRequestHeaders().getCookies().get(CSRF_COOKIE);
        if (existing != null && TOKEN.matcher(existing.getValue()).matches()) {
            return existing.getValue();
        }
        String token = SecretGenerator.getInstance().randomString(32);
        session.getContext()
                .getHttpResponse()
                .setCookieIfAbsent(new NewCookie.Builder(CSRF_COOKIE)
                        .value(token)
                        .path(pageUri(session).build().getRawPath())
                        .httpOnly(true)
                        .secure(true)
                        .sameSite(NewCookie.SameSite.STRICT)
                        .build());
        return token;
    }

    private boolean csrfMatches(String submitted) {
        Cookie cookie = session.getContext().getRequestHeaders().getCookies().get(CSRF_COOKIE);
        return submitted != null
                && cookie != null
                && TOKEN.matcher(submitted).matches()
                && MessageDigest.isEqual(
                        submitted.getBytes(StandardCharsets.US_ASCII),
                        cookie.getValue().getBytes(StandardCharsets.US_ASCII));
    }

    private static String anchor(String reason) {
        return reason != null && ANCHOR.matcher(reason).matches() ? reason : null;
    }
}
