package io.airstay.search.rest.dto;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A city's figures over a range of months, rates and averages recomputed from the months' sums. */
@RegisterForReflection
public record MarketTotals(StayFigures stays, ReviewFigures reviews) {
}
