package io.airstay.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The platform as users meet it: through the nginx gateway only, all services running from their jars. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformJourneyIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String FLOODED = "/api/v1/properties/search?city=Floodville";
    private final String city = "E2E City " + UUID.randomUUID().toString().substring(0, 8);
    private final LocalDate checkIn = LocalDate.now().plusDays(21);
    private final LocalDate checkOut = checkIn.plusDays(3);
    private String listing;

    @BeforeAll
    void startPlatform() throws Exception {
        Stack.up();
        RestAssured.baseURI = Stack.GATEWAY;
        RestAssured.port = 8080 + Stack.OFFSET;
    }

    @AfterAll
    void stopPlatform() throws Exception {
        Stack.down();
    }

    @Test
    @Order(1)
    void gatewayAnswersHealthAndReadiness() {
        given().get("/healthz").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/readyz").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/nowhere").then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().get("/api/v1/properties/search").then().statusCode(200).header("X-Request-Id", notNullValue());
        given().header("X-Request-Id", "trace-me-123").get("/api/v1/properties/search").then()
                .header("X-Request-Id", equalTo("trace-me-123"));
    }

    @Test
    @Order(2)
    void badInputGetsProblemJsonThroughTheGateway() {
        given().contentType(ContentType.JSON).body("{\"property_id\": 5}").post("/api/v1/bookings").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors.field", hasItem("property_id"));
        given().get("/api/v1/properties/search?page_size=500").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("page_size"));
        given().contentType(ContentType.JSON).body("{\"title\":\"" + "x".repeat(300_000) + "\"}").post("/api/v1/properties")
                .then().statusCode(413).contentType(startsWith("application/problem+json"));
    }

    @Test
    @Order(3)
    void hostPublishesAListingAndItsCalendarAppears() {
        Map<String, Object> body = new HashMap<>();
        body.put("host_id", UUID.randomUUID());
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
        listing = given().contentType(ContentType.JSON).body(body).post("/api/v1/properties").then().statusCode(201)
                .extract().path("property_id");

        await().atMost(WAIT).untilAsserted(() -> given().get(availability(checkIn, checkOut.minusDays(1))).then()
                .statusCode(200).body("availability.available", equalTo(List.of(true, true, true))));
    }

    @Test
    @Order(4)
    void guestFindsItByCityAndDatesAndReadsDetail() {
        given().get(search()).then().statusCode(200).body("data.property_id", hasItem(listing));
        given().get("/api/v1/properties/" + listing).then().statusCode(200).body("title", equalTo("End-to-end loft"));
    }

    @Test
    @Order(5)
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
    @Order(6)
    void cancellationMakesTheDatesBookableAgain() {
        UUID guest = UUID.randomUUID();
        LocalDate later = checkIn.plusDays(10);
        JsonPath first = settle(guest, later, later.plusDays(2));
        assertEquals("CONFIRMED", first.getString("booking_status"));
        String booking = first.getString("booking_id");

        given().contentType(ContentType.JSON).body(Map.of("reason", "e2e")).post("/api/v1/bookings/" + booking + "/cancel")
                .then().statusCode(200).body("booking_status", equalTo("CANCELED"));

        await().atMost(WAIT).until(() -> "CONFIRMED".equals(settle(UUID.randomUUID(), later, later.plusDays(2))
                .getString("booking_status")));
    }

    @Test
    @Order(7)
    void aCompletedStayIsReviewedAndTheRatingReachesSearch() {
        UUID guest = UUID.randomUUID();
        // Past stays enter through booking-service's operator-only import (not routed by the gateway).
        given().get("/internal/v1/bookings/import").then().statusCode(404);
        String booking = given().baseUri(Stack.BOOKING_DIRECT).port(Stack.OFFSET + 8082)
                .header("X-Operator-Token", Stack.OPERATOR_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("property_id", listing, "guest_id", guest, "check_in_date", LocalDate.now().minusDays(6).toString(),
                        "check_out_date", LocalDate.now().minusDays(2).toString(), "num_guests", 2))
                .post("/internal/v1/bookings/import").then().statusCode(201).body("booking_status", equalTo("COMPLETED"))
                .extract().path("booking_id");

        Map<String, Object> review = Map.of("booking_id", booking, "guest_id", guest, "rating", 4,
                "review_text", "Great location and a very clean flat!");
        await().atMost(WAIT).untilAsserted(() -> given().contentType(ContentType.JSON).body(review)
                .post("/api/v1/properties/" + listing + "/reviews").then().statusCode(201)
                .body("sentiment_label", equalTo("positive")));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/properties/" + listing).then()
                .body("rating", equalTo(4.0f)).body("review_count", equalTo(1)));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/properties/search?city=" + city).then()
                .body("data[0].rating", equalTo(4.0f)).body("data[0].review_count", equalTo(1)));
        given().get("/api/v1/properties/" + listing + "/reviews/summary").then().statusCode(200)
                .body("review_count", equalTo(1)).body("sentiment_distribution.positive", equalTo(1));
    }

    @Test
    @Order(8)
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
    @Order(9)
    void aFloodIsRateLimitedWith429ProblemJson() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Integer>> calls = new ArrayList<>();
        // Health checks are never limited; the API is.
        for (int i = 0; i < 3_000; i++) {
            calls.add(pool.submit(() -> given().get(FLOODED).statusCode()));
        }
        Map<Integer, Long> statuses = new HashMap<>();
        for (Future<Integer> call : calls) {
            statuses.merge(call.get(), 1L, Long::sum);
        }
        pool.shutdown();
        assertTrue(statuses.getOrDefault(429, 0L) > 0, "the flood was limited: " + statuses);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get(FLOODED).then().statusCode(200));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            ExecutorService burst = Executors.newFixedThreadPool(32);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                answers.add(burst.submit(() -> given().get(FLOODED)));
            }
            boolean sawProblem = false;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                sawProblem |= response.statusCode() == 429 && response.contentType().startsWith("application/problem+json");
            }
            burst.shutdown();
            assertTrue(sawProblem, "429 answers are problem documents");
        });
    }

    @Test
    @Order(10)
    void stoppingASearchReplicaMidRunLosesNoRead() throws Exception {
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
        ProcessHandle.of(Stack.pid("search-service-2")).ifPresent(ProcessHandle::destroyForcibly);
        Thread.sleep(3_000);
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);

        Map<Integer, Long> byStatus = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertEquals(1, byStatus.size(), "every read answered 200 while a replica died: " + byStatus);
        assertTrue(byStatus.containsKey(200));
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
        String location = answer[0].header("Location");
        await().atMost(WAIT).until(() -> !"PENDING".equals(given().get(location).jsonPath().getString("booking_status")));
        return given().get(location).then().statusCode(200).extract().jsonPath();
    }

    private Response book(UUID guest, LocalDate in, LocalDate out) {
        return given().contentType(ContentType.JSON).body(Map.of("property_id", listing, "guest_id", guest,
                "check_in_date", in.toString(), "check_out_date", out.toString(), "num_guests", 2))
                .post("/api/v1/bookings");
    }

    private String search() {
        return "/api/v1/properties/search?city=" + city + "&check_in=" + checkIn + "&check_out=" + checkOut;
    }

    private String availability(LocalDate start, LocalDate end) {
        return "/api/v1/properties/" + listing + "/availability?start_date=" + start + "&end_date=" + end;
    }
}
