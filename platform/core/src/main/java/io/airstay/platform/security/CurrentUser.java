package io.airstay.platform.security;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import io.airstay.platform.problem.AccessDeniedException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller of the current request, as its verified bearer token names it: the subject ({@code sub}, a UUID) is the
 * user, the {@code groups} claim holds the roles. Only methods that require a role reach it, so a caller is known.
 */
@RequestScoped
public class CurrentUser {

    /** Why a verified token whose subject is no user id authenticates nobody this platform knows. */
    static final String NOT_A_USER_ID = "its subject (sub) is not a user id";

    private final SecurityIdentity identity;

    public CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public UUID id() {
        try {
            return UUID.fromString(identity.getPrincipal().getName());
        } catch (IllegalArgumentException | NullPointerException notAUserId) {
            throw new AuthenticationFailedException(NOT_A_USER_ID);
        }
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** Refuses the request, with {@code refusal} as the answer's detail, unless {@code owner} is the caller. */
    public void requireOwner(UUID owner, String refusal) {
        if (!id().equals(owner)) {
            throw new AccessDeniedException(refusal);
        }
    }
}
