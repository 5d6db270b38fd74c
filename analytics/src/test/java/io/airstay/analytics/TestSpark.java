package io.airstay.analytics;

import org.apache.spark.sql.SparkSession;

/** The tests' Spark: two local cores, few shuffle partitions, driver on the loopback address, no web UI. */
final class TestSpark {

    private static SparkSession session;

    private TestSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().appName("airstay-analytics-test").master("local[2]")
                    .config("spark.ui.enabled", false)
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", 4)
                    .config("spark.sql.session.timeZone", "UTC")
                    .getOrCreate();
        }
        return session;
    }
}
