package io.airstay.booking.rest;

import static io.airstay.booking.BookingFixture.asGuest;
import static io.airstay.booking.BookingFixture.asHost;
import static io.airstay.booking.BookingFixture.asOperator;
import static io.airstay.booking.BookingFixture.book;
import static io.airstay.booking.BookingFixture.request;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.airstay.booking.BookingFixture;
import io.airstay.booking.WithSagaStack;
import io.airstay.platform.security.Roles;
import io.airstay.platform.testing.TestTokens;
import io.airstay.platform.testing.TokenIssuer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Who may book, read and cancel: one rule per test, each 401 and 403 a problem document. */
@QuarkusTest
@WithSagaStack
class BookingAccessTest {

    private static final LocalDate SOON = LocalDate.now().plusDays(30);

    @Inject
    BookingFixture fixture;
    @Inject
    EntityManager entityManager;

    @Test
    void bookingWithoutAValidTokenIs401NamingTheReasonAndStoresNothing() {
        UUID propertyId = fixture.property();
        UUID guest = UUID.randomUUID();
        Map<String, Object> body = request(propertyId, guest, SOON, SOON.plusDays(2));
        TokenIssuer stranger = new TokenIssuer(TokenIssuer.newKeyPair().getPrivate(), TokenIssuer.ISSUER);
        TokenIssuer otherIssuer = TestTokens.issuer("https://elsewhere.example");

        unauthorized(given(), body).body("detail", containsString("bearer token is required"));
        unauthorized(withToken("not-a-token"), body).body("detail", containsString("malformed"));
        unauthorized(withToken(stranger.token(guest, List.of(Roles.GUEST), Duration.ofMinutes(5))), body)
                .body("detail", containsString("signature"));
        unauthorized(withToken(TestTokens.issuer().token(guest.toString(), List.of(Roles.GUEST), "another-audience",
                Instant.now(), Duration.ofMinutes(5))), body).body("detail", containsString("audience"));
        unauthorized(withToken(TestTokens.issuer().token(guest.toString(), List.of(Roles.GUEST), TokenIssuer.AUDIENCE,
                Instant.now().minus(Duration.ofHours(2)), Duration.ofMinutes(5))), body).body("detail", containsString("expired"));
        unauthorized(withToken(otherIssuer.token(guest, List.of(Roles.GUEST), Duration.ofMinutes(5))), body)
                .body("detail", containsString("issuer"));
        unauthorized(withToken(TestTokens.issuer().token("alice", List.of(Roles.GUEST), TokenIssuer.AUDIENCE,
                Instant.now(), Duration.ofMinutes(5))), body).body("detail", containsString("not a user id"));

        assertEquals(0L, bookingsOf(guest));
    }

    @Test
    void aGuestBooksOnlyAsThemselves() {
        UUID propertyId = fixture.property();
        UUID guest = UUID.randomUUID();
        Map<String, Object> forSomeoneElse = request(propertyId, UUID.randomUUID(), SOON, SOON.plusDays(2));
        asGuest(guest).contentType(ContentType.JSON).body(forSomeoneElse).post("/api/v1/bookings").then().statusCode(403)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("guest_id"));
        given().header("Authorization", TestTokens.bearer(guest, Roles.HOST)).contentType(ContentType.JSON)
                .body(request(propertyId, guest, SOON, SOON.plusDays(2))).post("/api/v1/bookings").then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        assertEquals(0L, bookingsOf(guest));

        Map<String, Object> nameless = request(propertyId, guest, SOON, SOON.plusDays(2));
        nameless.remove("guest_id");
        asGuest(guest).contentType(ContentType.JSON).body(nameless).post("/api/v1/bookings").then().statusCode(201)
                .body("guest_id", equalTo(guest.toString()));
    }

    @Test
    void aGuestReadsListsAndCancelsOnlyTheirOwnBookings() {
        UUID propertyId = fixture.property();
        UUID guest = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String id = book(request(propertyId, guest, SOON.plusDays(5), SOON.plusDays(7))).then().statusCode(201)
                .extract().path("booking_id");
        book(request(propertyId, other, SOON.plusDays(8), SOON.plusDays(9))).then().statusCode(201);

        asGuest(guest).get("/api/v1/bookings/" + id).then().statusCode(200);
        asOperator().get("/api/v1/bookings/" + id).then().statusCode(200);
        asGuest(other).get("/api/v1/bookings/" + id).then().statusCode(403).contentType(startsWith("application/problem+json"));
        given().get("/api/v1/bookings/" + id).then().statusCode(401);

        asGuest(guest).get("/api/v1/bookings").then().statusCode(200).body("data.size()", equalTo(1))
                .body("data[0].booking_id", equalTo(id));
        asGuest(other).get("/api/v1/bookings").then().statusCode(200).body("data.size()", equalTo(1))
                .body("data.booking_id", not(hasItem(id)));
        asGuest(other).get("/api/v1/bookings?guest_id=" + guest).then().statusCode(403);

        asGuest(other).post("/api/v1/bookings/" + id + "/cancel").then().statusCode(403);
        asOperator().get("/api/v1/bookings/" + id).then().body("booking_status", equalTo("CONFIRMED"));
        asGuest(guest).post("/api/v1/bookings/" + id + "/cancel").then().statusCode(200)
                .body("booking_status", equalTo("CANCELED")).body("canceled_by", equalTo(guest.toString()))
                .body("canceled_by_role", equalTo("guest"));
    }

    @Test
    void theHostOfTheListingReadsListsAndCancelsItsBookingsAndTheCancellationNamesThem() {
        UUID propertyId = fixture.property();
        UUID guest = UUID.randomUUID();
        String id = book(request(propertyId, guest, SOON.plusDays(20), SOON.plusDays(22))).then().statusCode(201)
                .extract().path("booking_id");
        UUID otherHost = UUID.randomUUID();

        asHost().get("/api/v1/bookings/" + id).then().statusCode(200).body("guest_id", equalTo(guest.toString()));
        asHost().get("/api/v1/bookings?property_id=" + propertyId).then().statusCode(200)
                .body("data.size()", equalTo(1)).body("data[0].booking_id", equalTo(id));
        asOperator().get("/api/v1/bookings?property_id=" + propertyId).then().statusCode(200).body("data.size()", equalTo(1));

        asOtherHost(otherHost).get("/api/v1/bookings/" + id).then().statusCode(403).contentType(startsWith("application/problem+json"));
        asOtherHost(otherHost).get("/api/v1/bookings?property_id=" + propertyId).then().statusCode(403)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("property_id"));
        asGuest(BookingFixture.HOST).get("/api/v1/bookings?property_id=" + propertyId).then().statusCode(403);
        asHost().get("/api/v1/bookings?property_id=" + UUID.randomUUID()).then().statusCode(400)
                .body("errors[0].field", equalTo("property_id"));
        asOtherHost(otherHost).post("/api/v1/bookings/" + id + "/cancel").then().statusCode(403);
        asOperator().post("/api/v1/bookings/" + id + "/cancel").then().statusCode(403);
        asGuest(guest).get("/api/v1/bookings/" + id).then().body("booking_status", equalTo("CONFIRMED"));

        asHost().post("/api/v1/bookings/" + id + "/cancel").then().statusCode(200)
                .body("booking_status", equalTo("CANCELED")).body("canceled_by", equalTo(BookingFixture.HOST.toString()))
                .body("canceled_by_role", equalTo("host")).body("cancellation_reason", equalTo("canceled by host"));
        asGuest(guest).get("/api/v1/bookings/" + id).then().statusCode(200).body("canceled_by_role", equalTo("host"));
    }

    private static RequestSpecification asOtherHost(UUID host) {
        return given().header("Authorization", TestTokens.bearer(host, Roles.HOST));
    }

    private static RequestSpecification withToken(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static ValidatableResponse unauthorized(RequestSpecification request,
            Map<String, Object> body) {
        return request.contentType(ContentType.JSON).body(body).post("/api/v1/bookings").then().statusCode(401)
                .contentType(startsWith("application/problem+json")).header("WWW-Authenticate", startsWith("Bearer"));
    }

    private long bookingsOf(UUID guest) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM silver.bookings WHERE guest_id = ?1").setParameter(1, guest).getSingleResult()).longValue());
    }
}
