package io.airstay.booking.rest;

import static io.airstay.booking.BookingFixture.book;
import static io.airstay.booking.BookingFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.airstay.booking.BookingFixture;
import io.airstay.booking.WithSagaStack;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithSagaStack
class BookingStormTest {

    @Inject
    BookingFixture fixture;
    @Inject
    EntityManager entityManager;

    @Test
    void hundredConcurrentRequestsForOverlappingNightsConfirmExactlyOne() throws Exception {
        UUID propertyId = fixture.property();
        LocalDate shared = LocalDate.now().plusDays(45);
        int requests = 100;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Map<String, Object> body = request(propertyId, UUID.randomUUID(), shared.minusDays(i % 3), shared.plusDays(1 + i % 2));
            statuses.add(pool.submit(() -> {
                start.await();
                long began = System.nanoTime();
                int status = book(body).statusCode();
                latencies.add((System.nanoTime() - began) / 1e6);
                return status;
            }));
        }
        start.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            codes.add(status.get());
        }
        pool.shutdown();

        Map<Integer, Long> byCode = codes.stream().collect(Collectors.groupingBy(code -> code, Collectors.counting()));
        List<Double> sorted = latencies.stream().sorted().toList();
        System.out.printf("booking storm: %d requests -> %s; latency ms p50 %.0f p95 %.0f p99 %.0f max %.0f%n", requests,
                byCode, sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.95) - 1),
                sorted.get((int) (sorted.size() * 0.99) - 1), sorted.get(sorted.size() - 1));
        assertEquals(Map.of(201, 1L, 409, (long) requests - 1), byCode);
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM silver.bookings WHERE property_id = ?1 AND booking_status = 'CONFIRMED'")
                .setParameter(1, propertyId).getSingleResult()).longValue()));
    }
}
