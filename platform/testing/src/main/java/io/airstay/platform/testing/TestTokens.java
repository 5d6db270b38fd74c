package io.airstay.platform.testing;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Bearer tokens for tests: one key pair per test JVM, its public key given to the service under test (and to the
 * services {@link ServiceProcessTestResource} starts), so tokens from {@link #issuer()} verify there.
 */
public class TestTokens implements QuarkusTestResourceLifecycleManager {

    public static final String PUBLIC_KEY_PROPERTY = "mp.jwt.verify.publickey";

    private static final KeyPair KEYS = TokenIssuer.newKeyPair();
    private static final TokenIssuer ISSUER = new TokenIssuer(KEYS.getPrivate(), TokenIssuer.ISSUER);

    public static TokenIssuer issuer() {
        return ISSUER;
    }

    /** Tokens signed with the trusted key but naming another issuer, which the services must refuse. */
    public static TokenIssuer issuer(String otherIssuer) {
        return new TokenIssuer(KEYS.getPrivate(), otherIssuer);
    }

    public static String publicKeyPem() {
        return TokenIssuer.publicKeyPem(KEYS.getPublic());
    }

    /** "Bearer ..." for a user with these roles, valid for ten minutes. */
    public static String bearer(UUID user, String... roles) {
        return "Bearer " + ISSUER.token(user, List.of(roles), Duration.ofMinutes(10));
    }

    @Override
    public Map<String, String> start() {
        return Map.of(PUBLIC_KEY_PROPERTY, publicKeyPem());
    }

    @Override
    public void stop() {
    }
}
