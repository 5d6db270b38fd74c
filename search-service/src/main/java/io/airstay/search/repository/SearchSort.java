package io.airstay.search.repository;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Orders a search can ask for; each is a total order (ties broken by id) so keyset pages never skip or repeat. */
public enum SearchSort {
    RATING("rating"),
    PRICE("price"),
    PRICE_DESC("price_desc"),
    DISTANCE("distance");

    public static final Set<String> NAMES = Arrays.stream(values()).map(SearchSort::apiName).collect(Collectors.toSet());

    private final String apiName;

    SearchSort(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static SearchSort fromApiName(String name) {
        return Arrays.stream(values()).filter(s -> s.apiName.equals(name)).findFirst().orElseThrow();
    }
}
