package dev.gatehouse.rest.admin;

import jakarta.ws.rs.core.Response;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Who may use the Gatehouse Admin API (SPEC "Admin API"): holders of the realm role of the area
 * ({@code gatehouse-support} for keys and billing, {@code gatehouse-trust-safety} for bans), and realm admins, that is anyone who may
 * manage the realm (the master realm's admin included). Keycloak's admin authentication has
 * already answered 401 for a missing or invalid token.
 */
final class AdminAccess {

    static final String SUPPORT_ROLE = "gatehouse-support";
    static final String TRUST_SAFETY_ROLE = "gatehouse-trust-safety";

    private AdminAccess() {}

    static void require(AdminPermissionEvaluator auth, RealmModel realm, String roleName) {
        if (!allowed(auth, realm, roleName)) {
            throw ErrorResponse.error(
                    "Requires the realm role " + roleName + " or realm administration", Response.Status.FORBIDDEN);
        }
    }

    /** Any one of the roles will do. */
    static void requireAny(AdminPermissionEvaluator auth, RealmModel realm, String... roleNames) {
        for (String roleName : roleNames) {
            if (allowed(auth, realm, roleName)) {
                return;
            }
        }
        throw ErrorResponse.error(
                "Requires one of the realm roles " + String.join(", ", roleNames) + " or realm administration",
                Response.Status.FORBIDDEN);
    }

    /** Who is calling, for the status columns and audit rows: {@code <user>@<realm>}. */
    static String actor(AdminPermissionEvaluator auth) {
        AdminAuth admin = auth.adminAuth();
        String user = admin.getUser() == null ? "unknown" : admin.getUser().getUsername();
        return user + "@" + admin.getRealm().getName();
    }

    private static boolean allowed(AdminPermissionEvaluator auth, RealmModel realm, String roleName) {
        if (auth.realm().canManageRealm()) {
            return true;
        }
        AdminAuth admin = auth.adminAuth();
        UserModel user = admin.getUser();
        RoleModel role = realm.getRole(roleName);
        // A realm role counts only for users of the realm itself, not for same-named roles elsewhere.
        return user != null && role != null && admin.getRealm().getId().equals(realm.getId()) && user.hasRole(role);
    }
}
