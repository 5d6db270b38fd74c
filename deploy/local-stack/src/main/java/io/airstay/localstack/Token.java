package io.airstay.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.airstay.platform.testing.TokenIssuer;

/**
 * Prints a bearer token for the local platform, signed with its development key ({@code ./airstay token}):
 * {@code Token <key directory> <role> [<user id>]}, valid for 12 hours. Without a user id, each role has a fixed
 * development user, so that a listing created with a host token can be changed with the next host token. With a
 * count instead ({@code Token <key directory> <role> <count>}), prints that many lines "user token" for new users
 * (the benchmark's guests).
 */
public final class Token {

    static final UUID DEVELOPMENT_GUEST = UUID.fromString("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9");
    static final UUID DEVELOPMENT_HOST = UUID.fromString("5e0c3b1a-9d7f-4a2e-8c61-3f2b8c1e7d4a");
    static final UUID DEVELOPMENT_OPERATOR = UUID.fromString("9a8b7c6d-5e4f-4321-8765-0fedcba98765");

    private Token() {
    }

    public static void main(String[] args) {
        String role = args[1];
        TokenIssuer issuer = TokenIssuer.inDirectory(Path.of(args[0]));
        if (args.length > 2 && args[2].chars().allMatch(Character::isDigit)) {
            for (int i = Integer.parseInt(args[2]); i > 0; i--) {
                UUID user = UUID.randomUUID();
                System.out.println(user + " " + issuer.token(user, List.of(role), Duration.ofHours(12)));
            }
            return;
        }
        UUID user = args.length > 2 ? UUID.fromString(args[2]) : switch (role) {
            case "guest" -> DEVELOPMENT_GUEST;
            case "host" -> DEVELOPMENT_HOST;
            case "operator" -> DEVELOPMENT_OPERATOR;
            default -> throw new IllegalArgumentException("unknown role " + role + ": guest, host or operator");
        };
        System.out.println(issuer.token(user, List.of(role), Duration.ofHours(12)));
    }
}
