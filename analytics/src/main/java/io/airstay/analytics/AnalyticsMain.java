package io.airstay.analytics;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.spark.sql.SparkSession;

import io.airstay.analytics.config.JobArguments;
import io.airstay.analytics.config.Settings;

/**
 * The analytics job's entry point: {@code java -jar airstay-analytics.jar --from YYYY-MM --to YYYY-MM}, configured
 * by AIRSTAY_ANALYTICS_* environment variables. Exits 0 when the run is written, 1 when it failed (one line
 * "analytics failed: ..." says why; nothing was written), 2 on wrong arguments or settings.
 */
public final class AnalyticsMain {

    private AnalyticsMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err, AnalyticsMain::localSession));
    }

    /** The job with {@code args} and {@code env}, in the session {@code spark} makes; the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err,
            Supplier<SparkSession> spark) {
        if (Arrays.asList(args).contains("--help")) {
            out.print(JobArguments.USAGE);
            return 0;
        }
        JobArguments arguments;
        Settings settings;
        try {
            arguments = JobArguments.parse(args);
            settings = Settings.fromEnv(env);
        } catch (IllegalArgumentException e) {
            err.println("analytics: " + e.getMessage());
            err.print(JobArguments.USAGE);
            return 2;
        }
        try {
            new AnalyticsJob(spark.get(), settings, arguments, out).run();
            return 0;
        } catch (RuntimeException e) {
            err.println("analytics failed: " + e.getMessage());
            return 1;
        }
    }

    /**
     * A session of spark-submit's master, or on all cores of this machine with the driver on the loopback address
     * and no web UI (nothing listens beyond this machine).
     */
    static SparkSession localSession() {
        SparkSession.Builder builder = SparkSession.builder().appName("airstay-analytics")
                .config("spark.ui.enabled", false)
                .config("spark.sql.session.timeZone", "UTC");
        if (System.getProperty("spark.master") == null) {
            builder.master("local[*]")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1");
        }
        return builder.getOrCreate();
    }
}
