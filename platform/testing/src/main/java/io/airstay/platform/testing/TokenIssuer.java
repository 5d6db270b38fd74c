package io.airstay.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Stands in for the identity provider where there is none (tests, the local platform): signs RS256 bearer tokens
 * with the issuer and audience the services check by default. In production an OIDC provider issues them and the
 * services verify with its keys.
 */
public final class TokenIssuer {

    public static final String ISSUER = "https://airstay.local";
    public static final String AUDIENCE = "airstay";
    public static final String PRIVATE_KEY_FILE = "private.pem";
    public static final String PUBLIC_KEY_FILE = "public.pem";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey signingKey;
    private final String issuer;

    public TokenIssuer(PrivateKey signingKey, String issuer) {
        this.signingKey = signingKey;
        this.issuer = issuer;
    }

    /** The issuer whose key pair is in {@code dir}, created there first (private key readable by its owner only). */
    public static TokenIssuer inDirectory(Path dir) {
        try {
            Path privateKey = dir.resolve(PRIVATE_KEY_FILE);
            if (!Files.exists(privateKey)) {
                KeyPair pair = newKeyPair();
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(PUBLIC_KEY_FILE), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Path written = Files.writeString(dir.resolve(PRIVATE_KEY_FILE + ".tmp"), "");
                Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
                Files.writeString(written, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.move(written, privateKey);
            }
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(privateKey)
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", ""));
            return new TokenIssuer(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)), ISSUER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable key in " + dir, e);
        }
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String publicKeyPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** A token for {@code user} with {@code roles}, valid for {@code lifetime}, for the default audience. */
    public String token(UUID user, Collection<String> roles, Duration lifetime) {
        return token(user.toString(), roles, AUDIENCE, Instant.now(), lifetime);
    }

    /** Any token this issuer could sign, also ones the services must refuse (wrong audience, expired, odd subject). */
    public String token(String subject, Collection<String> roles, String audience, Instant issuedAt, Duration lifetime) {
        String groups = roles.stream().map(role -> "\"" + role + "\"").collect(Collectors.joining(",", "[", "]"));
        String claims = "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"" + subject
                + "\",\"groups\":" + groups + ",\"iat\":" + issuedAt.getEpochSecond()
                + ",\"exp\":" + issuedAt.plus(lifetime).getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signed = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + encode(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(signingKey);
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
