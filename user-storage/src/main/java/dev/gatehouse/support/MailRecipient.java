package dev.gatehouse.support;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.storage.adapter.AbstractInMemoryUserAdapter;

/**
 * The addressee of a Gatehouse e-mail as Keycloak's template provider wants one: a user held in
 * memory only, never stored. A pending signup has no Keycloak user, the owner of an address
 * that someone tried to sign up with must not be looked up to be written to, and the invitee of a
 * teammate invitation may have no account yet.
 */
public final class MailRecipient extends AbstractInMemoryUserAdapter {

    public MailRecipient(KeycloakSession session, RealmModel realm, String username, String email) {
        super(session, realm, "gatehouse-mail-recipient");
        setUsername(username);
        setEmail(email);
    }

    @Override
    public SubjectCredentialManager credentialManager() {
        return session.users().getUserCredentialManager(this);
    }
}
