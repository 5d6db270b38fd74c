package io.airstay.platform.pagination;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The list shape of every API (docs/api.md#conventions): {@code {data:[...], pagination:{...}}}.
 * {@code next_cursor} is present when {@code has_next}; {@code page} only echoes a page-number request.
 */
@RegisterForReflection
public record Page<T>(List<T> data, Pagination pagination) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pagination(Integer page, int pageSize, boolean hasNext, String nextCursor) {
    }

    /**
     * Builds a page from {@code pageSize + 1} fetched rows: the extra row only tells that a next page
     * exists, and the cursor points after the last row kept.
     */
    public static <T> Page<T> of(List<T> fetched, int pageSize, Integer page, Function<T, String> cursorAfter) {
        boolean hasNext = fetched.size() > pageSize;
        List<T> data = hasNext ? fetched.subList(0, pageSize) : fetched;
        String next = hasNext ? cursorAfter.apply(data.get(data.size() - 1)) : null;
        return new Page<>(List.copyOf(data), new Pagination(page, pageSize, hasNext, next));
    }
}
