package io.airstay.search.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import io.airstay.contracts.property.PropertyFacts;
import io.airstay.search.model.Property;
import io.airstay.search.repository.SearchHit;
import io.airstay.search.rest.dto.PropertyDetail;
import io.airstay.search.rest.dto.PropertyRequest;
import io.airstay.search.rest.dto.SearchResult;

/** Moves listing data between the API, the entity and events. */
public final class PropertyMapper {

    private PropertyMapper() {
    }

    /** Copies a validated request onto the entity, filling defaults for absent optional fields. */
    public static void apply(PropertyRequest request, Property property) {
        property.hostId = request.hostId();
        property.propertyType = request.propertyType();
        property.title = request.title().trim();
        property.description = request.description();
        property.bedrooms = request.bedrooms();
        property.bathrooms = request.bathrooms().setScale(1, RoundingMode.UNNECESSARY);
        property.beds = orDefault(request.beds(), request.bedrooms());
        property.maxGuests = request.maxGuests();
        property.basePrice = money(request.basePrice());
        property.cleaningFee = money(orDefault(request.cleaningFee(), BigDecimal.ZERO));
        property.amenities = request.amenities() == null ? List.of() : List.copyOf(request.amenities());
        property.houseRules = request.houseRules();
        property.address = request.locationAddress();
        property.city = request.locationCity().trim();
        property.state = request.locationState();
        property.country = request.locationCountry().trim();
        property.zipcode = request.locationZipcode();
        property.neighborhood = request.neighborhood();
        property.latitude = request.latitude();
        property.longitude = request.longitude();
        property.images = request.propertyImages() == null ? List.of() : List.copyOf(request.propertyImages());
        property.instantBookable = orDefault(request.instantBookable(), false);
        property.minimumNights = orDefault(request.minimumNights(), 1);
        property.maximumNights = orDefault(request.maximumNights(), 365);
        property.cancellationPolicy = orDefault(request.cancellationPolicy(), "moderate");
        property.hostIsSuperhost = orDefault(request.hostIsSuperhost(), false);
    }

    /** The listing as a complete request, onto which a PATCH document is merged. */
    public static PropertyRequest toRequest(Property p) {
        return new PropertyRequest(p.hostId, p.propertyType, p.title, p.description, p.bedrooms, p.bathrooms, p.beds,
                p.maxGuests, p.basePrice, p.cleaningFee, p.amenities, p.houseRules, p.address, p.city, p.state, p.country,
                p.zipcode, p.neighborhood, p.latitude, p.longitude, p.images, p.instantBookable, p.minimumNights,
                p.maximumNights, p.cancellationPolicy, p.hostIsSuperhost);
    }

    public static PropertyDetail toDetail(Property p) {
        return new PropertyDetail(p.id, p.numericId, p.hostId, p.propertyType, p.title, p.description, p.bedrooms,
                p.bathrooms, p.beds, p.maxGuests, p.basePrice, p.cleaningFee, p.amenities, p.houseRules, p.address, p.city,
                p.state, p.country, p.zipcode, p.neighborhood, p.latitude, p.longitude, p.images, p.instantBookable,
                p.minimumNights, p.maximumNights, p.cancellationPolicy, p.hostIsSuperhost,
                p.reviewCount > 0 ? p.rating : null, p.reviewCount, p.bookingCount, p.active, p.createdAt, p.updatedAt);
    }

    /** A search hit as results show it: no rating before the first review, distances to 10 m. */
    public static SearchResult toSearchResult(SearchHit h) {
        return new SearchResult(h.propertyId(), h.numericId(), h.title(), h.propertyType(), h.city(), h.neighborhood(),
                h.bedrooms(), h.bathrooms(), h.maxGuests(), h.basePrice(), h.amenitiesCount(),
                h.reviewCount() > 0 ? h.rating() : null, h.reviewCount(), h.primaryImage(),
                h.distanceKm() == null ? null : BigDecimal.valueOf(h.distanceKm()).setScale(2, RoundingMode.HALF_UP).doubleValue());
    }

    public static PropertyFacts toFacts(Property p) {
        return new PropertyFacts(p.id, p.hostId, p.title, p.city, p.maxGuests, p.basePrice, p.cleaningFee,
                p.minimumNights, p.maximumNights, p.instantBookable, p.active);
    }

    /** Money always carries two decimals, as NUMERIC(10,2) returns it (validation allows no more). */
    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
