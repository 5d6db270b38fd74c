package io.airstay.analytics;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** One line per stage as it ends, and the run's summary: rows read and written, seconds per stage. */
public final class Progress {

    private final PrintStream out;
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private long rowsRead;
    private long rowsWritten;

    public Progress(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs {@code stage}, then prints its name, what {@code detail} says of its result and its duration, which includes
     * the detail's own work: counting a lazy result is what computes it.
     */
    public <T> T stage(String name, Supplier<T> stage, Function<T, String> detail) {
        long started = System.nanoTime();
        T result = stage.get();
        String described = detail.apply(result);
        double elapsed = (System.nanoTime() - started) / 1e9;
        seconds.merge(name.startsWith("read ") ? "read" : name, elapsed, Double::sum);
        out.printf(Locale.ROOT, "analytics: %s: %s (%.2f s)%n", name, described, elapsed);
        return result;
    }

    public void read(long rows) {
        rowsRead += rows;
    }

    public void written(long rows) {
        rowsWritten += rows;
    }

    public long rowsRead() {
        return rowsRead;
    }

    public long rowsWritten() {
        return rowsWritten;
    }

    public void summary() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "analytics: done: %d rows read, %d rows written; seconds:", rowsRead, rowsWritten));
        seconds.forEach((stage, s) -> line.append(String.format(Locale.ROOT, " %s %.2f,", stage, s)));
        line.setLength(line.length() - 1);
        out.println(line);
    }
}
