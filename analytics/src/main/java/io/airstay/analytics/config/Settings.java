package io.airstay.analytics.config;

import java.util.Map;
import java.util.Optional;

/**
 * Where the job reads and writes, from environment variables: each service's database (the search database's read
 * replica, when set, for the reads), the credentials, and the Parquet directory.
 */
public record Settings(String searchUrl, Optional<String> searchReadUrl, String availabilityUrl, String bookingUrl,
        String reviewUrl, String user, String password, String output) {

    public static final String PREFIX = "AIRSTAY_ANALYTICS_";

    /**
     * @throws IllegalArgumentException naming the variable that is missing or wrong
     */
    public static Settings fromEnv(Map<String, String> env) {
        return new Settings(
                url(env, "SEARCH_URL", "search"),
                Optional.ofNullable(blankToNull(env.get(PREFIX + "SEARCH_READ_URL")))
                        .map(value -> checkUrl(PREFIX + "SEARCH_READ_URL", value)),
                url(env, "AVAILABILITY_URL", "availability"),
                url(env, "BOOKING_URL", "booking"),
                url(env, "REVIEW_URL", "review"),
                required(env, "DB_USER", "the database user"),
                env.getOrDefault(PREFIX + "DB_PASSWORD", ""),
                required(env, "OUTPUT", "the directory the Parquet files go to"));
    }

    /** The URL the search database's data is read from: its replica when there is one. */
    public String searchReadOrPrimaryUrl() {
        return searchReadUrl.orElse(searchUrl);
    }

    private static String url(Map<String, String> env, String name, String service) {
        return checkUrl(PREFIX + name, required(env, name,
                "the " + service + " database's JDBC URL, jdbc:postgresql://HOST:PORT/airstay_" + service));
    }

    private static String checkUrl(String variable, String value) {
        if (!value.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(variable + " must be a PostgreSQL JDBC URL (jdbc:postgresql://...), got '"
                    + value + "'");
        }
        return value;
    }

    private static String required(Map<String, String> env, String name, String what) {
        String value = blankToNull(env.get(PREFIX + name));
        if (value == null) {
            throw new IllegalArgumentException(PREFIX + name + " is not set (" + what + ")");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
