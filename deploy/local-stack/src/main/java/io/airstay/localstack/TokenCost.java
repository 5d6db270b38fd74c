package io.airstay.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import io.airstay.platform.testing.TokenIssuer;

/**
 * What verifying a bearer token costs a service, for the benchmark: {@code TokenCost <key directory> [SECONDS]}
 * verifies one token on one thread as the services do (jose4j, which smallrye-jwt uses: RS256 signature, issuer,
 * audience, expiry) for SECONDS (3) after a second of warm-up, and prints one JSON line with the tokens verified
 * per second on that core and the microseconds each took.
 */
public final class TokenCost {

    private TokenCost() {
    }

    public static void main(String[] args) throws Exception {
        Path keys = Path.of(args[0]);
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 3;
        String token = TokenIssuer.inDirectory(keys).token(UUID.randomUUID(), List.of("guest"), Duration.ofHours(1));
        byte[] der = Base64.getMimeDecoder().decode(Files.readString(keys.resolve(TokenIssuer.PUBLIC_KEY_FILE))
                .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", ""));
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        JwtConsumer consumer = new JwtConsumerBuilder().setRequireExpirationTime().setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer(TokenIssuer.ISSUER).setExpectedAudience(TokenIssuer.AUDIENCE).setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();
        verifyFor(consumer, token, 1);
        long verified = verifyFor(consumer, token, seconds);
        double perSecond = (double) verified / seconds;
        System.out.println(String.format(Locale.ROOT, "{\"verified_per_s_per_core\":%.0f,\"micros_each\":%.1f}",
                perSecond, 1e6 / perSecond));
    }

    private static long verifyFor(JwtConsumer consumer, String token, long seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long verified = 0;
        while (System.nanoTime() < deadline) {
            consumer.processToClaims(token);
            verified++;
        }
        return verified;
    }
}
