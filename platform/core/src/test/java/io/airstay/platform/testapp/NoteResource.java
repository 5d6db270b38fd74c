package io.airstay.platform.testapp;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

import io.airstay.platform.cache.CacheTier;
import io.airstay.platform.cache.JsonCache;
import io.airstay.platform.cache.VersionedDocument;
import io.airstay.platform.problem.ConflictException;
import io.airstay.platform.problem.InvalidFieldException;
import io.airstay.platform.problem.ResourceNotFoundException;
import io.smallrye.mutiny.Uni;

/** Endpoints that exercise the platform's error mapping and cache from a real HTTP request. */
@Path("/test")
@Produces(MediaType.APPLICATION_JSON)
public class NoteResource {

    public static final AtomicInteger LOADS = new AtomicInteger();

    private final JsonCache cache;

    public NoteResource(JsonCache cache) {
        this.cache = cache;
    }

    public record NoteRequest(@NotBlank @Size(max = 10) String text, @NotNull @Min(1) @Max(5) Integer priority,
            @Valid List<@NotBlank String> tags) {
    }

    @POST
    @Path("/notes")
    public NoteRequest create(@NotNull @Valid NoteRequest body) {
        return body;
    }

    @GET
    @Path("/notes/{id}")
    @APIResponse(responseCode = "200", description = "The note")
    @APIResponse(responseCode = "404", description = "No note with this id")
    public NoteRequest missing(@PathParam("id") String id) {
        throw new ResourceNotFoundException("Note " + id + " not found");
    }

    @GET
    @Path("/conflict")
    public NoteRequest conflict() {
        throw new ConflictException("The note was changed meanwhile");
    }

    @GET
    @Path("/parse")
    public String parse(@QueryParam("page_size") String pageSize) {
        throw new InvalidFieldException("page_size", "must be at most 100");
    }

    @GET
    @Path("/logged")
    public String logged() {
        Logger.getLogger(NoteResource.class).info("handled a logged request");
        return "{}";
    }

    /** A cached document; {@code padding} characters make it as large as a test needs. */
    @GET
    @Path("/cached/{key}")
    public Uni<Response> cached(@PathParam("key") String key, @QueryParam("padding") int padding,
            @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding) {
        return cache.get("test", "v1:test:" + key, CacheTier.DYNAMIC,
                () -> VersionedDocument.of(1, "{\"key\":\"" + key + "\",\"padding\":\"" + "x".repeat(padding) + "\",\"load\":"
                        + LOADS.incrementAndGet() + "}"))
                .map(document -> document.orElseThrow().toResponse(acceptEncoding));
    }

    @GET
    @Path("/cached-absent/{key}")
    public Uni<Response> cachedAbsent(@PathParam("key") String key) {
        return cache.get("test", "v1:test-absent:" + key, CacheTier.DYNAMIC, () -> {
            LOADS.incrementAndGet();
            return VersionedDocument.absent(1);
        }).map(document -> document.orElseThrow(() -> new ResourceNotFoundException("No " + key)).toResponse(null));
    }

}
