package io.airstay.booking.rest;

import static io.airstay.booking.BookingFixture.book;
import static io.airstay.booking.BookingFixture.request;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.airstay.booking.BookingFixture;
import io.airstay.booking.WithSagaStack;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** When availability answers after the wait, the guest gets 202 and the booking settles later. */
@QuarkusTest
@WithSagaStack
@TestProfile(PendingOutcomeTest.ImpatientProfile.class)
class PendingOutcomeTest {

    public static class ImpatientProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("airstay.booking.saga-wait", "1ms");
        }
    }

    @Inject
    BookingFixture fixture;

    @Test
    void slowAnswerGives202WithLocationAndTheBookingConfirmsLater() {
        UUID propertyId = fixture.property();
        LocalDate in = LocalDate.now().plusDays(12);

        String location = book(request(propertyId, UUID.randomUUID(), in, in.plusDays(2))).then().statusCode(202)
                .body("booking_status", equalTo("PENDING"))
                .extract().header("Location");

        await().atMost(BookingFixture.WAIT).untilAsserted(() ->
                given().get(location).then().statusCode(200).body("booking_status", equalTo("CONFIRMED"))
                        .body("total_price", equalTo(249.00f)));
    }
}
