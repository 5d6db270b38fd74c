package io.airstay.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.airstay.e2e.client.ApiClient;
import io.airstay.e2e.client.ApiException;
import io.airstay.e2e.client.ApiResponse;
import io.airstay.e2e.client.api.BookingsApi;
import io.airstay.e2e.client.api.PropertiesApi;
import io.airstay.e2e.client.api.SearchApi;
import io.airstay.e2e.client.model.BookingRequest;
import io.airstay.e2e.client.model.BookingView;
import io.airstay.e2e.client.model.BookingView.BookingStatusEnum;
import io.airstay.e2e.client.model.CancelRequest;
import io.airstay.e2e.client.model.PageSearchResult;
import io.airstay.e2e.client.model.PropertyDetail;
import io.airstay.e2e.client.model.PropertyRequest;
import io.airstay.e2e.client.model.SearchResult;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The platform as users meet it: through the nginx gateway only, all services running from their jars. The API traffic
 * passes Stoplight Prism on its way to the gateway ({@link ContractValidator}), so every exchange is also checked
 * against docs/openapi.yaml; what tests the gateway itself (health, routing, the rate limit's flood) goes to it directly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformJourneyIT {

    private static final Path ROOT = Path.of(System.getProperty("airstay.root", "..")).toAbsolutePath().normalize();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String FLOODED = "/api/v1/properties/search?city=Floodville";
    private final String city = "E2E City " + UUID.randomUUID().toString().substring(0, 8);
    private final UUID host = UUID.randomUUID();
    private final LocalDate checkIn = LocalDate.now().plusDays(21);
    private final LocalDate checkOut = checkIn.plusDays(3);
    private String listing;
    private ContractValidator validator;

    @BeforeAll
    void startPlatform() throws Exception {
        Stack.up();
        validator = ContractValidator.start(ROOT, Stack.GATEWAY, ROOT.resolve("e2e/target"));
        RestAssured.baseURI = validator.url();
        RestAssured.port = validator.port();
        RestAssured.filters(validator);
    }

    @AfterAll
    void stopValidator() throws Exception {
        RestAssured.reset();
        if (validator != null) {
            validator.stop();
        }
    }

    @Test
    @Order(1)
    void gatewayAnswersHealthAndReadiness() {
        gateway().get("/healthz").then().statusCode(200).body("status", equalTo("UP"));
        gateway().get("/readyz").then().statusCode(200).body("status", equalTo("UP"));
        gateway().get("/nowhere").then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().get("/api/v1/properties/search").then().statusCode(200).header("X-Request-Id", notNullValue());
        given().header("X-Request-Id", "trace-me-123").get("/api/v1/properties/search").then()
                .header("X-Request-Id", equalTo("trace-me-123"));
    }

    @Test
    @Order(2)
    void theGatewayServesTheApiDocumentAndItsBrowsableView() throws Exception {
        String document = gateway().get("/openapi").then().statusCode(200).contentType(startsWith("application/yaml"))
                .extract().asString();
        assertEquals(Files.readString(ROOT.resolve("docs/openapi.yaml")), document);
        gateway().get("/docs/").then().statusCode(200).contentType(startsWith("text/html"));
        gateway().get("/docs/index.html").then().statusCode(200).body(containsString("/openapi"));
    }

    @Test
    @Order(3)
    void badInputGetsProblemJsonThroughTheGateway() {
        ContractValidator.invalidRequest(() -> asGuest(UUID.randomUUID()).contentType(ContentType.JSON)
                .body("{\"property_id\": 5}").post("/api/v1/bookings")).then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors.field", hasItem("property_id"));
        ContractValidator.invalidRequest(() -> given().get("/api/v1/properties/search?page_size=500")).then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("page_size"));
        ContractValidator.invalidRequest(() -> given().contentType(ContentType.JSON)
                .body("{\"title\":\"" + "x".repeat(300_000) + "\"}").post("/api/v1/properties"))
                .then().statusCode(413).contentType(startsWith("application/problem+json"));
    }

    @Test
    @Order(4)
    void hostPublishesAListingAndItsCalendarAppears() {
        Map<String, Object> body = new HashMap<>();
        body.put("host_id", host);
        body.put("property_type", "apartment");
        body.put("title", "End-to-end loft");
        body.put("bedrooms", 2);
        body.put("bathrooms", 1);
        body.put("max_guests", 4);
        body.put("base_price", 150);
        body.put("cleaning_fee", 20);
        body.put("amenities", List.of("wifi", "kitchen"));
        body.put("location_city", city);
        body.put("location_country", "US");
        body.put("latitude", 40.7);
        body.put("longitude", -74.0);
        listing = given().header("Authorization", Stack.bearer(host, "host")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/properties").then().statusCode(201)
                .extract().path("property_id");

        await().atMost(WAIT).untilAsserted(() -> given().get(availability(checkIn, checkOut.minusDays(1))).then()
                .statusCode(200).body("availability.available", equalTo(List.of(true, true, true))));
    }

    @Test
    @Order(5)
    void guestFindsItByCityAndDatesAndReadsDetail() {
        given().get(search()).then().statusCode(200).body("data.property_id", hasItem(listing));
        given().get("/api/v1/properties/" + listing).then().statusCode(200).body("title", equalTo("End-to-end loft"));
    }

    @Test
    @Order(6)
    void firstGuestBooksAndAnOverlappingRequestIsRefused() {
        // booking-service learns of the new listing from property-events: until then the listing is unknown (400).
        JsonPath confirmed = settle(UUID.randomUUID(), checkIn, checkOut);
        assertEquals("CONFIRMED", confirmed.getString("booking_status"));
        assertEquals(524.0f, confirmed.getFloat("total_price"));
        book(UUID.randomUUID(), checkIn.plusDays(1), checkOut.plusDays(1)).then().statusCode(409)
                .contentType(startsWith("application/problem+json"));

        await().atMost(WAIT).untilAsserted(() -> given().get(search()).then().statusCode(200)
                .body("data.property_id", not(hasItem(listing))));
        given().get(availability(checkIn, checkOut.minusDays(1))).then()
                .body("availability.available", equalTo(List.of(false, false, false)));
    }

    @Test
    @Order(7)
    void cancellationMakesTheDatesBookableAgain() {
        UUID guest = UUID.randomUUID();
        LocalDate later = checkIn.plusDays(10);
        JsonPath first = settle(guest, later, later.plusDays(2));
        assertEquals("CONFIRMED", first.getString("booking_status"));
        String booking = first.getString("booking_id");

        asGuest(guest).contentType(ContentType.JSON).body(Map.of("reason", "e2e")).post("/api/v1/bookings/" + booking + "/cancel")
                .then().statusCode(200).body("booking_status", equalTo("CANCELED"));

        await().atMost(WAIT).until(() -> "CONFIRMED".equals(settle(UUID.randomUUID(), later, later.plusDays(2))
                .getString("booking_status")));
    }

    @Test
    @Order(8)
    void twoGuestsAndTwoHostsEachReachOnlyWhatIsTheirs() {
        UUID firstGuest = UUID.randomUUID();
        UUID secondGuest = UUID.randomUUID();
        UUID otherHost = UUID.randomUUID();
        LocalDate in = checkIn.plusDays(30);
        String first = settle(firstGuest, in, in.plusDays(2)).getString("booking_id");
        String second = settle(secondGuest, in.plusDays(3), in.plusDays(5)).getString("booking_id");

        // Bookings: each guest sees and cancels only their own.
        asGuest(firstGuest).get("/api/v1/bookings").then().statusCode(200).body("data.booking_id", equalTo(List.of(first)));
        forbidden(asGuest(secondGuest).get("/api/v1/bookings/" + first));
        forbidden(asGuest(secondGuest).get("/api/v1/bookings?guest_id=" + firstGuest));
        forbidden(asGuest(secondGuest).post("/api/v1/bookings/" + first + "/cancel"));
        gateway().get("/api/v1/bookings/" + first).then().statusCode(401).contentType(startsWith("application/problem+json"));

        // Another host neither reads nor cancels this listing's bookings, nor changes the listing or its calendar.
        forbidden(as(otherHost, "host").get("/api/v1/bookings/" + first));
        forbidden(as(otherHost, "host").get("/api/v1/bookings?property_id=" + listing));
        forbidden(as(otherHost, "host").post("/api/v1/bookings/" + second + "/cancel"));
        forbidden(as(otherHost, "host").contentType(ContentType.JSON).body(Map.of("title", "Taken over"))
                .patch("/api/v1/properties/" + listing));
        forbidden(as(otherHost, "host").contentType(ContentType.JSON).body(Map.of("start_date", in.toString(),
                "end_date", in.plusDays(1).toString(), "available", false)).put("/api/v1/properties/" + listing + "/availability"));
        forbidden(as(firstGuest, "guest").contentType(ContentType.JSON).body(Map.of("title", "Taken over"))
                .patch("/api/v1/properties/" + listing));

        // The other host's own listing is out of this host's reach.
        Map<String, Object> theirs = new HashMap<>(Map.of("property_type", "house", "title", "Other host's house",
                "bedrooms", 3, "bathrooms", 2, "max_guests", 6, "base_price", 210, "location_city", city,
                "location_country", "US", "latitude", 40.8, "longitude", -73.9));
        String otherListing = as(otherHost, "host").contentType(ContentType.JSON).body(theirs).post("/api/v1/properties")
                .then().statusCode(201).body("host_id", equalTo(otherHost.toString())).extract().path("property_id");
        forbidden(as(host, "host").contentType(ContentType.JSON).body(Map.of("title", "Taken over"))
                .patch("/api/v1/properties/" + otherListing));
        forbidden(as(host, "host").delete("/api/v1/properties/" + otherListing));
        given().get("/api/v1/properties/" + otherListing).then().statusCode(200).body("title", equalTo("Other host's house"));

        // This listing's host reads its bookings, all guests, and cancels one; the booking records who canceled.
        as(host, "host").get("/api/v1/bookings?property_id=" + listing + "&status=confirmed").then().statusCode(200)
                .body("data.booking_id", hasItems(first, second));
        as(host, "host").get("/api/v1/bookings/" + second).then().statusCode(200).body("guest_id", equalTo(secondGuest.toString()));
        as(host, "host").post("/api/v1/bookings/" + second + "/cancel").then().statusCode(200)
                .body("booking_status", equalTo("CANCELED")).body("canceled_by_role", equalTo("host"));
        asGuest(secondGuest).get("/api/v1/bookings/" + second).then().statusCode(200)
                .body("canceled_by", equalTo(host.toString())).body("cancellation_reason", equalTo("canceled by host"));
        asGuest(firstGuest).get("/api/v1/bookings/" + first).then().body("booking_status", equalTo("CONFIRMED"));
    }

    @Test
    @Order(9)
    void aCompletedStayIsReviewedAndTheRatingReachesSearch() {
        UUID guest = UUID.randomUUID();
        // Past stays enter through booking-service's operator-only import (not routed by the gateway).
        gateway().get("/internal/v1/bookings/import").then().statusCode(404);
        String booking = given().baseUri(Stack.BOOKING_DIRECT).port(Stack.BOOKING_PORT)
                .header("Authorization", Stack.bearer(UUID.randomUUID(), "operator")).contentType(ContentType.JSON)
                .body(Map.of("property_id", listing, "guest_id", guest, "check_in_date", LocalDate.now().minusDays(6).toString(),
                        "check_out_date", LocalDate.now().minusDays(2).toString(), "num_guests", 2))
                .post("/internal/v1/bookings/import").then().statusCode(201).body("booking_status", equalTo("COMPLETED"))
                .extract().path("booking_id");

        Map<String, Object> review = Map.of("booking_id", booking, "guest_id", guest, "rating", 4,
                "review_text", "Great location and a very clean flat!");
        await().atMost(WAIT).untilAsserted(() -> asGuest(guest).contentType(ContentType.JSON).body(review)
                .post("/api/v1/properties/" + listing + "/reviews").then().statusCode(201)
                .body("sentiment_label", equalTo("positive")));

        forbidden(asGuest(UUID.randomUUID()).contentType(ContentType.JSON).body(Map.of("booking_id", booking, "rating", 1,
                "review_text", "Not my stay, but I have opinions")).post("/api/v1/properties/" + listing + "/reviews"));
        given().get("/api/v1/properties/" + listing + "/reviews").then().statusCode(200).body("data.size()", equalTo(1))
                .body("data[0]", not(hasKey("guest_id")));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/properties/" + listing).then()
                .body("rating", number(4)).body("review_count", equalTo(1)));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/properties/search?city=" + city).then()
                .body("data[0].rating", number(4)).body("data[0].review_count", equalTo(1)));
        given().get("/api/v1/properties/" + listing + "/reviews/summary").then().statusCode(200)
                .body("review_count", equalTo(1)).body("sentiment_distribution.positive", equalTo(1));
    }

    @Test
    @Order(10)
    void aClientGeneratedFromTheDocumentMakesTheMainJourney() throws Exception {
        UUID guest = UUID.randomUUID();
        ApiClient client = new ApiClient();
        client.updateBaseUri(validator.url());
        // One user who hosts a listing and books it: one token with both roles.
        client.setRequestInterceptor(request -> request.header("Authorization", Stack.bearer(guest, "guest", "host")));
        client.setResponseInterceptor(response -> validator.check("generated client: " + response.request().method() + " "
                + response.request().uri() + " -> " + response.statusCode(),
                response.headers().firstValue(ContractValidator.VIOLATIONS_HEADER).orElse(null), false));
        PropertiesApi properties = new PropertiesApi(client);
        BookingsApi bookings = new BookingsApi(client);
        String town = "Client Town " + UUID.randomUUID().toString().substring(0, 8);
        LocalDate in = LocalDate.now().plusDays(45);
        LocalDate out = in.plusDays(2);

        PropertyDetail published = properties.publishProperty(new PropertyRequest().hostId(guest)
                .propertyType("loft").title("Generated-client loft").bedrooms(1).bathrooms(BigDecimal.ONE).maxGuests(2)
                .basePrice(new BigDecimal("90.00")).locationCity(town).locationCountry("PT").latitude(38.71).longitude(-9.14));
        UUID property = published.getPropertyId();
        assertEquals("Generated-client loft", properties.getProperty(property).getTitle());
        PageSearchResult found = new SearchApi(client).searchProperties(SearchApi.APISearchPropertiesRequest.newBuilder()
                .city(town).checkIn(in).checkOut(out).numGuests(2).build());
        assertEquals(List.of(property), found.getData().stream().map(SearchResult::getPropertyId).toList());

        BookingRequest request = new BookingRequest().propertyId(property).guestId(guest).checkInDate(in)
                .checkOutDate(out).numGuests(2);
        String idempotencyKey = "generated-client-" + UUID.randomUUID();
        List<ApiResponse<BookingView>> created = new ArrayList<>();
        // Bookable once both sides of the saga know the new listing: availability has its calendar, and booking-service
        // answers 400 until it has heard of it.
        await().atMost(WAIT).until(() -> given().get("/api/v1/properties/" + property + "/availability?start_date=" + in
                + "&end_date=" + out).statusCode() == 200);
        await().atMost(WAIT).until(() -> {
            try {
                created.add(bookings.createBookingWithHttpInfo(request, idempotencyKey));
                return true;
            } catch (ApiException e) {
                if (e.getCode() == 400) {
                    return false;
                }
                throw e;
            }
        });
        ApiResponse<BookingView> booked = created.get(0);
        assertTrue(booked.getStatusCode() == 201 || booked.getStatusCode() == 202, "booked: " + booked.getStatusCode());
        UUID booking = booked.getData().getBookingId();
        assertEquals("/api/v1/bookings/" + booking, URI.create(booked.getHeaders().get("location").get(0)).getPath());
        await().atMost(WAIT).until(() -> bookings.getBooking(booking).getBookingStatus() != BookingStatusEnum.PENDING);
        assertEquals(BookingStatusEnum.CONFIRMED, bookings.getBooking(booking).getBookingStatus());

        BookingView canceled = bookings.cancelBooking(booking, new CancelRequest().reason("Plans changed"));
        assertEquals(BookingStatusEnum.CANCELED, canceled.getBookingStatus());
        assertEquals("Plans changed", canceled.getCancellationReason());
    }

    @Test
    @Order(11)
    void leastConnSpreadsSearchesOverBothReplicas() throws Exception {
        List<String> before = Files.readAllLines(Stack.accessLog());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String url = "/api/v1/properties/search?city=" + city + "&num_guests=" + (1 + i % 4);
            calls.add(pool.submit(() -> given().get(url).statusCode()));
        }
        for (Future<Integer> call : calls) {
            assertEquals(200, call.get());
        }
        pool.shutdown();
        Thread.sleep(1_500); // the access log is flushed every second
        List<String> lines = Files.readAllLines(Stack.accessLog());
        Map<String, Long> byUpstream = lines.subList(before.size(), lines.size()).stream()
                .filter(line -> line.contains("/api/v1/properties/search"))
                .map(line -> JsonPath.from(line).getString("upstream"))
                .collect(Collectors.groupingBy(upstream -> upstream, Collectors.counting()));
        assertEquals(2, byUpstream.size(), "both replicas served: " + byUpstream);
        assertTrue(byUpstream.values().stream().allMatch(count -> count >= 40), "spread, not pinned: " + byUpstream);
    }

    @Test
    @Order(12)
    void aFloodIsRateLimitedWith429ProblemJson() throws Exception {
        // The limit is the client's, over every path but the health checks. A flood of requests the gateway answers
        // itself (HEAD of the API document) keeps this client over it without loading the services, whose pace would
        // otherwise set the flood's on a busy machine; meanwhile its searches are refused, also through the validator.
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicBoolean limited = new AtomicBoolean();
        HttpRequest document = HttpRequest.newBuilder(URI.create(Stack.GATEWAY + "/openapi"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        CompletableFuture<List<HttpResponse<Void>>> flood = CompletableFuture.supplyAsync(() -> flood(document, flooding::get, limited));
        await().atMost(WAIT).until(limited::get);
        AtomicInteger searches = new AtomicInteger();
        List<HttpResponse<Void>> refused = flood(HttpRequest.newBuilder(URI.create(Stack.GATEWAY + FLOODED)).build(),
                () -> searches.incrementAndGet() <= 500, new AtomicBoolean());
        // Concurrent, as a lone request in step with the flood's gaps can keep slipping through the limiter; in rounds
        // of 64 until one is limited, as a round can also fall into a gap of the flood on a busy machine.
        Map<Integer, Long> validated = new ConcurrentHashMap<>();
        for (int round = 0; round < 10 && !validated.containsKey(429); round++) {
            ExecutorService validating = Executors.newFixedThreadPool(8);
            for (int i = 0; i < 64; i++) {
                validating.submit(() -> validated.merge(given().get(FLOODED).statusCode(), 1L, Long::sum));
            }
            validating.shutdown();
            assertTrue(validating.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS), "the validated searches finished");
        }
        flooding.set(false);
        flood.get();

        Map<Integer, Long> statuses = refused.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertTrue(statuses.getOrDefault(429, 0L) > 0, "the flood was limited: " + statuses);
        assertTrue(refused.stream().filter(answer -> answer.statusCode() == 429).allMatch(answer -> answer.headers()
                .firstValue("Content-Type").orElse("").startsWith("application/problem+json")), "429 answers are problem documents");
        assertTrue(validated.getOrDefault(429, 0L) > 0, "limited answers passed the validator: " + validated);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> gateway().get(FLOODED).then().statusCode(200));
    }

    /** Sends the request while {@code more} says so, at most 256 in flight; {@code limited} is set on a 429. */
    private static List<HttpResponse<Void>> flood(HttpRequest request, BooleanSupplier more, AtomicBoolean limited) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Semaphore inFlight = new Semaphore(256);
        List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
        while (more.getAsBoolean()) {
            inFlight.acquireUninterruptibly();
            answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((answer, failure) -> {
                inFlight.release();
                if (answer != null && answer.statusCode() == 429) {
                    limited.set(true);
                }
            }));
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }

    @Test
    @Order(13)
    void oddValuesInEveryParameterAndBodyFieldAreNeverA5xx() throws Exception {
        Thread.sleep(2_000); // let the rate limiter forget the flood
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docs/openapi.yaml").toFile());
        String token = Stack.bearer(UUID.randomUUID(), "guest", "host", "operator");
        List<String> serverErrors = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int requests = 0;
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase();
                JsonNode parameters = operation.getValue().path("parameters");
                JsonNode example = firstExample(operation.getValue().path("requestBody"));
                List<OddRequest> odd = new ArrayList<>();
                for (JsonNode parameter : parameters) {
                    String name = parameter.get("name").asText();
                    for (String value : ODD_VALUES) {
                        switch (parameter.get("in").asText()) {
                            case "path" -> odd.add(new OddRequest(path.getKey().replace("{" + name + "}", encode(value)), example));
                            case "query" -> odd.add(new OddRequest(withListing(path.getKey()) + "?" + name + "=" + encode(value), example));
                            case "header" -> odd.add(new OddRequest(withListing(path.getKey()), example, name, value));
                            default -> { }
                        }
                    }
                }
                if (!example.isMissingNode()) {
                    for (String field : iterable(example.fieldNames())) {
                        for (JsonNode value : ODD_JSON_VALUES) {
                            ObjectNode body = example.deepCopy();
                            body.set(field, value);
                            odd.add(new OddRequest(withListing(path.getKey()), body));
                        }
                    }
                    for (String body : ODD_BODIES) {
                        odd.add(new OddRequest(withListing(path.getKey()), body));
                    }
                }
                for (OddRequest request : odd) {
                    Response answer = request.send(method, token);
                    requests++;
                    statuses.merge(answer.statusCode(), 1, Integer::sum);
                    Thread.sleep(6); // under the gateway's 200 requests/s per client
                    if (answer.statusCode() >= 500) {
                        serverErrors.add(method + " " + request + " -> " + answer.statusCode() + " " + answer.asString());
                    }
                }
            }
        }
        System.out.printf("odd values: %d requests over every operation of docs/openapi.yaml, by status %s%n", requests,
                statuses);
        assertEquals(List.of(), serverErrors);
    }

    /** Values a careless or hostile client sends in a parameter: empty, wrong type, out of range, huge, control bytes. */
    private static final List<String> ODD_VALUES = List.of("", " ", "null", "-1", "0", "1e309", "99999999999999999999",
            "+999999999-12-31", "2030-02-30", "not-a-uuid", "00000000-0000-0000-0000-000000000000", "\u00e9\u2603",
            "x".repeat(5000), "%", "a,b", "true");
    private static final List<JsonNode> ODD_JSON_VALUES = List.of(NullNode.instance, TextNode.valueOf(""),
            TextNode.valueOf("+999999999-12-31"), TextNode.valueOf("x".repeat(100_000)), new DecimalNode(new BigDecimal("1e400")),
            LongNode.valueOf(Long.MIN_VALUE), BooleanNode.TRUE, JsonNodeFactory.instance.arrayNode().add(1),
            JsonNodeFactory.instance.objectNode().put("nested", true));
    private static final List<String> ODD_BODIES = List.of("", "null", "[]", "{}", "\"text\"", "{\"a\":", "{\"a\": 1}}",
            "\u0000");

    /** One odd request: a path (with query), and a JSON body or header when the operation takes one. */
    private record OddRequest(String pathAndQuery, Object body, String header, String headerValue) {

        OddRequest(String pathAndQuery, Object body) {
            this(pathAndQuery, body, null, null);
        }

        Response send(String method, String token) {
            RequestSpecification request = gateway().urlEncodingEnabled(false).header("Authorization", token);
            if (header != null) {
                request.header(header, headerValue);
            }
            if (body instanceof JsonNode json && !json.isMissingNode()) {
                request.contentType(ContentType.JSON).body(json.toString());
            } else if (body instanceof String text) {
                request.contentType(ContentType.JSON).body(text);
            }
            return request.request(method, pathAndQuery);
        }

        @Override
        public String toString() {
            String shown = pathAndQuery.length() > 200 ? pathAndQuery.substring(0, 200) + "..." : pathAndQuery;
            String sent = body == null || body instanceof JsonNode json && json.isMissingNode() ? "" : " " + body;
            return shown + (header == null ? "" : " " + header + ": " + headerValue)
                    + (sent.length() > 200 ? sent.substring(0, 200) + "..." : sent);
        }
    }

    /** The path with its placeholders filled with the journey's own listing and city. */
    private String withListing(String template) {
        return template.replace("{id}", listing).replace("{city}", encode(city).replace("+", "%20"));
    }

    private static JsonNode firstExample(JsonNode requestBody) {
        JsonNode examples = requestBody.path("content").path("application/json").path("examples");
        return examples.isObject() && examples.size() > 0 ? examples.elements().next().path("value") : MissingNode.getInstance();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }

    @Test
    @Order(14)
    void aSearchReplicaKilledAndRestartedMidRunLosesNoRead() throws Exception {
        Thread.sleep(2_000); // let the rate limiter forget the flood
        AtomicBoolean running = new AtomicBoolean(true);
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (int t = 0; t < 2; t++) {
            pool.submit(() -> {
                while (running.get()) {
                    statuses.add(given().get("/api/v1/properties/" + listing).statusCode());
                    Thread.sleep(20); // a steady reader, well under the rate limit
                }
                return null;
            });
        }
        Thread.sleep(1_000);
        Stack.airstay("kill", "search-service-2"); // SIGKILL, as a crash
        Thread.sleep(3_000);
        Stack.airstay("restart", "search-service-2"); // returns once the replica is ready again
        Thread.sleep(1_000);
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);

        Map<Integer, Long> byStatus = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertEquals(1, byStatus.size(), "every read answered 200 while a replica died and came back: " + byStatus);
        assertTrue(byStatus.containsKey(200));
    }

    @Test
    @Order(15)
    void everyExchangeMatchedTheApiDocument() {
        System.out.printf("Prism checked %d exchanges against docs/openapi.yaml (%d invalid on purpose): %d violations%n",
                validator.exchanges(), validator.invalidOnPurpose(), validator.violations().size());
        assertEquals(List.of(), validator.violations());
        assertTrue(validator.exchanges() > 100, "the journey went through the validator: " + validator.exchanges());
    }

    /**
     * Books and returns the settled booking: a 202 (the saga answered after the wait, e.g. on a cold stack)
     * is followed to its outcome; a 400 while booking-service does not know the new listing yet is retried.
     */
    private JsonPath settle(UUID guest, LocalDate in, LocalDate out) {
        Response[] answer = new Response[1];
        await().atMost(WAIT).until(() -> (answer[0] = book(guest, in, out)).statusCode() != 400);
        int status = answer[0].statusCode();
        if (status == 409) {
            return JsonPath.from("{\"booking_status\":\"REJECTED\"}");
        }
        assertTrue(status == 201 || status == 202, "booked: " + status + " " + answer[0].asString());
        // The path of Location: its host is the gateway's, and the reads go through the validator.
        String location = URI.create(answer[0].header("Location")).getPath();
        await().atMost(WAIT).until(() -> !"PENDING".equals(asGuest(guest).get(location).jsonPath().getString("booking_status")));
        return asGuest(guest).get(location).then().statusCode(200).extract().jsonPath();
    }

    private Response book(UUID guest, LocalDate in, LocalDate out) {
        return asGuest(guest).contentType(ContentType.JSON).body(Map.of("property_id", listing, "guest_id", guest,
                "check_in_date", in.toString(), "check_out_date", out.toString(), "num_guests", 2))
                .post("/api/v1/bookings");
    }

    /** Through the validator, as this guest. */
    private static RequestSpecification asGuest(UUID guest) {
        return as(guest, "guest");
    }

    /** Through the validator, as this user in these roles. */
    private static RequestSpecification as(UUID user, String... roles) {
        return given().header("Authorization", Stack.bearer(user, roles));
    }

    /** A 403 problem document: the caller is known, the resource is someone else's. */
    private static void forbidden(Response answer) {
        answer.then().statusCode(403).contentType(startsWith("application/problem+json"));
    }

    /** Straight to the gateway, around the validator. */
    private static RequestSpecification gateway() {
        return given().baseUri(Stack.GATEWAY).port(Stack.GATEWAY_PORT);
    }

    /** Any JSON number of this value: 4, 4.0 and 4.00 alike (Prism writes the JSON it validated anew). */
    private static Matcher<Number> number(double expected) {
        return new CustomTypeSafeMatcher<>("the number " + expected) {
            @Override
            protected boolean matchesSafely(Number actual) {
                return actual.doubleValue() == expected;
            }
        };
    }

    private String search() {
        return "/api/v1/properties/search?city=" + city + "&check_in=" + checkIn + "&check_out=" + checkOut;
    }

    private String availability(LocalDate start, LocalDate end) {
        return "/api/v1/properties/" + listing + "/availability?start_date=" + start + "&end_date=" + end;
    }
}
