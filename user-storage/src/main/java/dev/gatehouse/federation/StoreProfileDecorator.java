package dev.gatehouse.federation;

import java.util.List;
import java.util.function.Predicate;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.userprofile.AttributeMetadata;
import org.keycloak.userprofile.UserProfileMetadata;

/**
 * The realm's user profile as it applies to store accounts: the store is their system of record,
 * so an attribute the realm requires of its own users (Keycloak's default profile requires first
 * and last name) is not required of a store account, which would otherwise meet "Update Account
 * Information" (the {@code VERIFY_PROFILE} required action) at its first login into a realm that
 * adopted Gatehouse (issue 18). The realm's own users keep every requirement.
 */
final class StoreProfileDecorator {

    private StoreProfileDecorator() {}

    static List<AttributeMetadata> decorate(String componentId, UserProfileMetadata metadata) {
        for (AttributeMetadata attribute : metadata.getAttributes()) {
            if (UserModel.USERNAME.equals(attribute.getName())) {
                continue;
            }
            AttributeMetadata realmRule = attribute.clone();
            Predicate<AttributeContext> required =
                    context -> !fromStore(context.getUser(), componentId) && realmRule.isRequired(context);
            attribute.setRequired(required);
        }
        return List.of();
    }

    private static boolean fromStore(UserModel user, String componentId) {
        return user != null && componentId.equals(user.getFederationLink());
    }
}
