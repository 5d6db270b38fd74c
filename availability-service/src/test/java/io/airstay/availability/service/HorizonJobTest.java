package io.airstay.availability.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.airstay.availability.AvailabilityFixture;
import io.airstay.contracts.property.PropertyTopic;
import io.airstay.platform.testing.RealServers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@RealServers
class HorizonJobTest {

    @Inject
    AvailabilityFixture fixture;
    @Inject
    HorizonJob job;
    @Inject
    EntityManager entityManager;

    @Test
    void dailyJobExtendsActiveCalendarsToTheHorizonAndRetiresCachedRanges() {
        UUID id = fixture.property(new BigDecimal("75.00"), 1);
        LocalDate today = LocalDate.now();
        String lastWeek = "/api/v1/properties/" + id + "/availability?start_date=" + today.plusDays(358) + "&end_date="
                + today.plusDays(364);
        // Pretend the calendar was built a week ago: its last seven nights do not exist yet.
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("DELETE FROM silver.availability_calendar WHERE property_id = ?1 AND calendar_date > ?2")
                    .setParameter(1, id).setParameter(2, today.plusDays(357)).executeUpdate();
            entityManager.createNativeQuery("UPDATE silver.listings SET horizon_end = ?2 WHERE property_id = ?1")
                    .setParameter(1, id).setParameter(2, today.plusDays(357)).executeUpdate();
        });
        // Cached with the week missing (the cache does not know about the direct SQL above).
        fixture.sendPropertyEvent(PropertyTopic.UPDATED, id, new BigDecimal("75.00"), 1, true);
        await().atMost(AvailabilityFixture.WAIT).until(() -> !given().get(lastWeek).jsonPath()
                .getList("availability.available", Boolean.class).contains(true));

        assertTrue(job.extendHorizons() >= 7);

        List<Boolean> available = given().get(lastWeek).then().statusCode(200).extract().jsonPath()
                .getList("availability.available", Boolean.class);
        assertEquals(List.of(true, true, true, true, true, true, true), available);
        assertEquals(0, job.extendHorizons(), "a second run the same day adds nothing");
    }
}
