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

    private final SecurityIdentity identity;

    public CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public UUID id() {
        try {
            return UUID.fromString(identity.getPrincipal().getName());
        } catch (IllegalArgumentException | NullPointerException notAUserId) {
            throw new NotAUserId();
        }
    }

    /** A verified token whose subject is no user id: it authenticates nobody this platform knows. */
    static final class NotAUserId extends AuthenticationFailedException {
        NotAUserId() {
            super("its subject (sub) is not a user id");
        }
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** Refuses the request unless {@code owner} is the caller; {@code what} names the resource in the answer. */
    public void requireOwner(UUID owner, String what) {
        if (!id().equals(owner)) {
            throw new AccessDeniedException(what + " belongs to another user");
        }
    }
}
