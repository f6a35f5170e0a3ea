package dev.gatehouse.authenticators.broker;

import java.util.List;
import org.keycloak.broker.oidc.mappers.AbstractClaimMapper;
import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * {@code gatehouse-central-link-facts}: an identity-provider mapper that writes nothing and keeps,
 * for the request, what the central provider asserted ({@link CentralLinkFacts}). Keycloak calls
 * mappers when the account console links an identity ({@code IdentityBrokerService}'s account
 * linking updates the brokered user), which runs no authentication flow; {@link CentralLinkGuard}
 * then checks the link against the same rules as the first broker login. Without this mapper on the
 * central provider, such links are refused: nothing vouches for the central address.
 */
public final class CentralLinkFactsMapper extends AbstractIdentityProviderMapper {

    public static final String PROVIDER_ID = "gatehouse-central-link-facts";

    /** The OIDC claim in which the central provider asserts that it verified the address. */
    static final String EMAIL_VERIFIED_CLAIM = "email_verified";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String[] getCompatibleProviders() {
        return new String[] {ANY_PROVIDER};
    }

    @Override
    public boolean supportsSyncMode(IdentityProviderSyncMode syncMode) {
        return true;
    }

    @Override
    public String getDisplayCategory() {
        return "Gatehouse";
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse central link check";
    }

    @Override
    public String getHelpText() {
        return "Lets Gatehouse check identities linked through the account console against the ban list and the"
                + " verified-e-mail rules of the first broker login. Writes nothing to the user.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public void preprocessFederatedIdentity(
            KeycloakSession session,
            RealmModel realm,
            IdentityProviderMapperModel mapper,
            BrokeredIdentityContext context) {
        keep(session, context);
    }

    @Override
    public void importNewUser(
            KeycloakSession session,
            RealmModel realm,
            UserModel user,
            IdentityProviderMapperModel mapper,
            BrokeredIdentityContext context) {
        keep(session, context);
    }

    @Override
    public void updateBrokeredUser(
            KeycloakSession session,
            RealmModel realm,
            UserModel user,
            IdentityProviderMapperModel mapper,
            BrokeredIdentityContext context) {
        keep(session, context);
    }

    @Override
    public void updateBrokeredUserLegacy(
            KeycloakSession session,
            RealmModel realm,
            UserModel user,
            IdentityProviderMapperModel mapper,
            BrokeredIdentityContext context) {
        keep(session, context);
    }

    private static void keep(KeycloakSession session, BrokeredIdentityContext context) {
        Object verified = AbstractClaimMapper.getClaimValue(context, EMAIL_VERIFIED_CLAIM);
        new CentralLinkFacts(
                        context.getIdpConfig().getAlias(),
                        context.getId(),
                        context.getEmail(),
                        Boolean.parseBoolean(String.valueOf(verified)))
                .keep(session);
    }
}
