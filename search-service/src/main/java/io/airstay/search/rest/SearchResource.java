package io.airstay.search.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import io.airstay.search.service.ListingReader;
import io.airstay.search.service.SearchCriteria;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/properties/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "search", description = "Guests search active listings")
public class SearchResource {

    private final ListingReader reader;

    public SearchResource(ListingReader reader) {
        this.reader = reader;
    }

    @GET
    @Operation(summary = "Search listings; keyset pagination through next_cursor (page is accepted for the first pages)")
    public Uni<Response> search(@RestQuery String city, @RestQuery("property_type") String propertyType,
            @RestQuery("num_guests") String numGuests, @RestQuery("min_bedrooms") String minBedrooms,
            @RestQuery("min_price") String minPrice, @RestQuery("max_price") String maxPrice,
            @RestQuery("check_in") String checkIn, @RestQuery("check_out") String checkOut,
            @RestQuery String latitude, @RestQuery String longitude, @RestQuery("radius_km") String radiusKm,
            @RestQuery String sort, @RestQuery String cursor, @RestQuery String page,
            @RestQuery("page_size") String pageSize, @RestHeader(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding) {
        SearchCriteria criteria = SearchCriteria.parse(city, propertyType, numGuests, minBedrooms, minPrice, maxPrice,
                checkIn, checkOut, latitude, longitude, radiusKm, sort, cursor, page, pageSize);
        return reader.search(criteria).map(body -> body.toResponse(acceptEncoding));
    }
}
