package io.airstay.platform.security;

/** The roles a token carries in its {@code groups} claim; one user may hold several (a guest who also hosts). */
public final class Roles {

    public static final String GUEST = "guest";
    public static final String HOST = "host";
    public static final String OPERATOR = "operator";

    private Roles() {
    }
}
