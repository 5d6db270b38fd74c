package io.airstay.search.repository;

import java.time.Instant;

/** A finished analytics run (gold.runs): the data the gold tables hold now came from the newest one. */
public record GoldRun(long runId, Instant finishedAt) {
}
