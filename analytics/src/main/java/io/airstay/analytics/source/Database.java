package io.airstay.analytics.source;

/** A service's database: its name in messages and the URL it is read from. */
public record Database(String name, String url) {
}
