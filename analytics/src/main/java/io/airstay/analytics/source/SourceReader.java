package io.airstay.analytics.source;

/** Where the job's sources are read from: the services' databases, or a snapshot of them. */
public interface SourceReader {

    /** Where {@code source} is read from, for the progress lines. */
    String origin(Source source);

    /** The rows of {@code source} that meet its condition. */
    Read read(Source source);
}
