package io.airstay.search.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.UUID;

import io.airstay.platform.pagination.Cursors;
import io.airstay.platform.problem.InvalidFieldException;
import io.airstay.platform.problem.Params;
import io.airstay.search.repository.PropertySearch;
import io.airstay.search.repository.PropertySearch.KeysetPosition;
import io.airstay.search.repository.SearchSort;
import io.airstay.search.rest.dto.PropertyTypes;

/**
 * A validated search request: the search the database runs, plus how the client asked for the page
 * (a page number, or the cursor it followed), which the response's pagination and the cache key echo.
 * Every parameter is parsed with a 400 naming the parameter when its value is wrong.
 */
public record SearchCriteria(PropertySearch search, Integer page, String cursor) {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;
    /** Page numbers are served with OFFSET only this deep; further pages must follow next_cursor. */
    public static final int MAX_OFFSET = 1_000;
    public static final double DEFAULT_RADIUS_KM = 25;
    public static final int MAX_STAY_NIGHTS = 365;
    private static final BigDecimal MAX_PRICE = new BigDecimal("100000");

    public static SearchCriteria parse(String city, String propertyType, String numGuests, String minBedrooms,
            String minPrice, String maxPrice, String checkIn, String checkOut, String latitude, String longitude,
            String radiusKm, String sort, String cursor, String page, String pageSize) {
        String cityValue = Params.text("city", city, 100);
        String type = Params.oneOf("property_type", propertyType, PropertyTypes.ALL);
        Integer guests = Params.integer("num_guests", numGuests, 1, 50);
        Integer bedrooms = Params.integer("min_bedrooms", minBedrooms, 0, 50);
        BigDecimal priceFrom = Params.decimal("min_price", minPrice, BigDecimal.ZERO, MAX_PRICE);
        BigDecimal priceTo = Params.decimal("max_price", maxPrice, BigDecimal.ZERO, MAX_PRICE);
        if (priceFrom != null && priceTo != null && priceTo.compareTo(priceFrom) < 0) {
            throw new InvalidFieldException("max_price", "must not be below min_price");
        }

        LocalDate from = Params.date("check_in", checkIn);
        LocalDate to = Params.date("check_out", checkOut);
        if ((from == null) != (to == null)) {
            throw new InvalidFieldException(from == null ? "check_in" : "check_out", "check_in and check_out go together");
        }
        if (from != null) {
            if (!to.isAfter(from)) {
                throw new InvalidFieldException("check_out", "must be after check_in");
            }
            if (ChronoUnit.DAYS.between(from, to) > MAX_STAY_NIGHTS) {
                throw new InvalidFieldException("check_out", "must be at most " + MAX_STAY_NIGHTS + " nights after check_in");
            }
        }

        Double lat = Params.coordinate("latitude", latitude, 90);
        Double lon = Params.coordinate("longitude", longitude, 180);
        BigDecimal radius = Params.decimal("radius_km", radiusKm, new BigDecimal("0.1"), new BigDecimal("500"));
        if ((lat == null) != (lon == null)) {
            throw new InvalidFieldException(lat == null ? "latitude" : "longitude", "latitude and longitude go together");
        }
        if (radius != null && lat == null) {
            throw new InvalidFieldException("radius_km", "needs latitude and longitude");
        }
        boolean geo = lat != null;

        String sortName = Params.oneOf("sort", sort, SearchSort.NAMES);
        SearchSort order = sortName == null ? (geo ? SearchSort.DISTANCE : SearchSort.RATING) : SearchSort.fromApiName(sortName);
        if (order == SearchSort.DISTANCE && !geo) {
            throw new InvalidFieldException("sort", "distance needs latitude and longitude");
        }

        int size = Params.present(pageSize) ? Params.integer("page_size", pageSize, 1, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
        Integer pageNumber = Params.integer("page", page, 1, Integer.MAX_VALUE);
        String cursorValue = Params.present(cursor) ? cursor.trim() : null;
        if (cursorValue != null && pageNumber != null && pageNumber > 1) {
            throw new InvalidFieldException("page", "cannot be combined with cursor; follow next_cursor");
        }
        if (pageNumber != null && (long) (pageNumber - 1) * size > MAX_OFFSET) {
            throw new InvalidFieldException("page", "pages deeper than " + MAX_OFFSET + " results must be reached with cursor");
        }
        KeysetPosition after = cursorValue == null ? null : decodeCursor(cursorValue, order);
        // Keyset requests have no page number and never skip rows.
        Integer pageValue = cursorValue == null ? (pageNumber == null ? 1 : pageNumber) : null;
        int offset = pageValue == null ? 0 : (pageValue - 1) * size;

        PropertySearch search = new PropertySearch(cityValue == null ? null : cityValue.toLowerCase(Locale.ROOT), type, guests,
                bedrooms, priceFrom, priceTo, from, to, lat, lon,
                geo ? (radius == null ? DEFAULT_RADIUS_KM : radius.doubleValue()) : null, order, size, offset, after);
        return new SearchCriteria(search, pageValue, cursorValue);
    }

    /** Every parameter except city and bedrooms (which are in the cache key itself), in one canonical string. */
    public String canonicalRest() {
        PropertySearch s = search;
        StringJoiner joiner = new StringJoiner("&");
        joiner.add("type=" + s.propertyType()).add("guests=" + s.numGuests()).add("min=" + plain(s.minPrice()))
                .add("max=" + plain(s.maxPrice())).add("in=" + s.checkIn()).add("out=" + s.checkOut())
                .add("lat=" + s.latitude()).add("lon=" + s.longitude()).add("r=" + s.radiusKm())
                .add("sort=" + s.sort().apiName()).add("size=" + s.pageSize()).add("page=" + page).add("cursor=" + cursor);
        return joiner.toString();
    }

    public static String encodeCursor(SearchSort sort, BigDecimal sortValue, UUID propertyId) {
        return Cursors.encode(sort.apiName(), sortValue.toPlainString(), propertyId.toString());
    }

    private static KeysetPosition decodeCursor(String cursor, SearchSort sort) {
        List<String> values = Cursors.decode(cursor, 3);
        if (!values.get(0).equals(sort.apiName())) {
            throw new InvalidFieldException(Cursors.FIELD, "was made for sort=" + values.get(0) + ", not " + sort.apiName());
        }
        try {
            return new KeysetPosition(new BigDecimal(values.get(1)), UUID.fromString(values.get(2)));
        } catch (IllegalArgumentException e) {
            throw Cursors.malformed();
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }
}
