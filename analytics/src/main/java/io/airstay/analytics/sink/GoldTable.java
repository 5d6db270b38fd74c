package io.airstay.analytics.sink;

import java.util.List;

/**
 * A gold table the job fills: the rows of this run's scope ({@code scope}, SQL over the table's alias {@code t},
 * with the month range as parameters when it has any) that this run does not have under the same {@code identity}
 * are deleted, the others inserted or updated on {@code key}.
 */
record GoldTable(String name, List<String> key, List<String> identity, String scope, int scopeParameters) {

    static final GoldTable LISTING_MONTHS = monthly("listing_month_stats", "property_id");
    static final GoldTable CITY_MONTHS = monthly("city_month_stats", "city");
    static final GoldTable POPULAR_LISTINGS = ranked("popular_listings", "property_id");
    static final GoldTable POPULAR_SEARCHES = ranked("popular_searches", "city", "guests", "bedrooms", "price_band");

    private static GoldTable monthly(String name, String grain) {
        List<String> key = List.of(grain, "month");
        return new GoldTable(name, key, key, "t.month >= ? and t.month < ?", 2);
    }

    /** A ranking, replaced as a whole: its key is the rank, a rank keeps its row when it keeps its entry. */
    private static GoldTable ranked(String name, String... entry) {
        List<String> identity = new java.util.ArrayList<>(List.of("rank"));
        identity.addAll(List.of(entry));
        return new GoldTable(name, List.of("rank"), List.copyOf(identity), "true", 0);
    }

    String qualified() {
        return "gold." + name;
    }

    String stage() {
        return "stage_" + name;
    }

    String createStage(List<String> columns) {
        return "create temporary table " + stage() + " on commit drop as select " + String.join(", ", columns)
                + " from " + qualified() + " with no data";
    }

    String copy(List<String> columns) {
        return "copy " + stage() + " (" + String.join(", ", columns) + ") from stdin (format csv)";
    }

    String deleteStale() {
        String same = String.join(" and ", identity.stream().map(c -> "s." + c + " = t." + c).toList());
        return "delete from " + qualified() + " t where " + scope + " and not exists (select 1 from " + stage()
                + " s where " + same + ")";
    }

    String upsert(List<String> columns) {
        String names = String.join(", ", columns);
        String updates = String.join(", ", columns.stream().filter(c -> !key.contains(c))
                .map(c -> c + " = excluded." + c).toList());
        return "insert into " + qualified() + " (" + names + ", run_id) select " + names + ", ? from " + stage()
                + " on conflict (" + String.join(", ", key) + ") do update set " + updates
                + ", run_id = excluded.run_id";
    }
}
