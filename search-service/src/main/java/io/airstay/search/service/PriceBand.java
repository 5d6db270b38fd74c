package io.airstay.search.service;

import java.math.BigDecimal;

/**
 * How demand counts a search's price filter: the band holding its max_price (its min_price when it sets no maximum),
 * by nightly base price; {@code any} when it sets neither. A band is warmed as its representative search: max_price at
 * the band's top ({@code 500+}: min_price 500), the values of a client offering these bands.
 */
public enum PriceBand {
    ANY("any", null),
    UP_TO_100("0-100", 100),
    UP_TO_200("100-200", 200),
    UP_TO_300("200-300", 300),
    UP_TO_500("300-500", 500),
    OVER_500("500+", null);

    private static final BigDecimal OVER_500_FROM = BigDecimal.valueOf(500);

    private final String label;
    private final BigDecimal top;

    PriceBand(String label, Integer top) {
        this.label = label;
        this.top = top == null ? null : BigDecimal.valueOf(top);
    }

    public String label() {
        return label;
    }

    /** The band a search with these price bounds (null when absent) counts in. */
    public static PriceBand of(BigDecimal minPrice, BigDecimal maxPrice) {
        BigDecimal price = maxPrice != null ? maxPrice : minPrice;
        if (price == null) {
            return ANY;
        }
        for (PriceBand band : values()) {
            if (band.top != null && price.compareTo(band.top) <= 0) {
                return band;
            }
        }
        return OVER_500;
    }

    /** The band with this label; {@code any} for a label this release does not know. */
    public static PriceBand ofLabel(String label) {
        for (PriceBand band : values()) {
            if (band.label.equals(label)) {
                return band;
            }
        }
        return ANY;
    }

    /** The representative search's min_price, or null. */
    public String minPrice() {
        return this == OVER_500 ? OVER_500_FROM.toPlainString() : null;
    }

    /** The representative search's max_price, or null. */
    public String maxPrice() {
        return top == null ? null : top.toPlainString();
    }
}
