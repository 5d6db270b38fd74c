package io.airstay.platform.testing;

/**
 * The address every server of a local run or a test binds: {@code 127.0.0.1}, so that nothing of a developer's
 * machine is reachable from the network, unless the environment variable {@value #VARIABLE} names another address
 * of this machine (an IPv4 address, or {@code 0.0.0.0} for every interface). The same variable is read by
 * {@code ./airstay}, the local stack, the test resources and, through the platform's configuration, by the services
 * ({@code quarkus.http.host}, {@code quarkus.management.host}).
 */
public final class BindAddress {

    public static final String VARIABLE = "AIRSTAY_BIND_ADDRESS";
    public static final String LOOPBACK = "127.0.0.1";
    private static final String WILDCARD = "0.0.0.0";

    private BindAddress() {
    }

    /** The address to bind: {@value #VARIABLE}, or {@value #LOOPBACK} when it is unset or blank. */
    public static String get() {
        return of(System.getenv(VARIABLE));
    }

    /** {@code value}, or {@value #LOOPBACK} when it is null or blank. */
    static String of(String value) {
        return value == null || value.isBlank() ? LOOPBACK : value.trim();
    }

    /** The address clients on this machine connect to: the bind address, or {@value #LOOPBACK} for the wildcard. */
    public static String connect() {
        return connect(get());
    }

    static String connect(String bind) {
        return bind.equals(WILDCARD) ? LOOPBACK : bind;
    }

    /** Whether {@code address} is a loopback address (127.0.0.0/8), which other machines cannot reach. */
    public static boolean isLoopback(String address) {
        return address.startsWith("127.");
    }
}
