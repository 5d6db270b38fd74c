package io.airstay.search.rest;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import io.airstay.platform.problem.InvalidFieldException;
import io.airstay.platform.problem.Params;
import io.airstay.search.rest.dto.MarketStats;
import io.airstay.search.rest.dto.StatsQuery;
import io.airstay.search.service.StatsRange;
import io.airstay.search.service.StatsReader;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/markets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "markets", description = "Statistics of the listings of a city, from the nightly analytics run")
public class MarketResource {

    private final StatsReader stats;

    public MarketResource(StatsReader stats) {
        this.stats = stats;
    }

    @GET
    @Path("/{city}/stats")
    @Operation(operationId = "getMarketStats", summary = "Monthly statistics of a city's listings",
            description = "One entry per month from from to to (zeros for a month without data), and totals over the range.")
    @APIResponse(responseCode = "200", description = "The city's statistics",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MarketStats.class)))
    @APIResponse(responseCode = "404", description = "The analytics results know no such city")
    public Uni<Response> stats(
            @RestPath @Parameter(description = "City, any case", schema = @Schema(type = SchemaType.STRING, maxLength = 100)) String city,
            @BeanParam StatsQuery query,
            @Parameter(hidden = true) @RestHeader(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding) {
        String name = Params.text("city", city, 100);
        if (name == null) {
            throw new InvalidFieldException("city", "must not be blank");
        }
        StatsRange range = query.range();
        return stats.market(name, range).map(body -> body.toResponse(acceptEncoding));
    }
}
