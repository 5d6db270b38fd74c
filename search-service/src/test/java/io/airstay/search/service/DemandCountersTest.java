package io.airstay.search.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.junit.jupiter.api.Test;

import io.airstay.platform.testing.RealServers;
import io.airstay.search.PropertyFixture;
import io.airstay.search.repository.DemandRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@RealServers
class DemandCountersTest {

    private static final String SEARCH = "/api/v1/properties/search";

    @Inject
    DemandCounters counters;
    @Inject
    EntityManager entityManager;
    @Inject
    MeterRegistry registry;
    @Inject
    DemandRepository repository;
    @Inject
    BeanManager beanManager;

    @Test
    void viewsAndFirstPagesOfSearchesAreCountedInMemoryAndAddedUpByEachFlush() {
        String city = PropertyFixture.uniqueCity("Demandville");
        String key = city.toLowerCase();
        UUID id = PropertyFixture.create(city, Map.of());
        counters.flush();

        for (int i = 0; i < 3; i++) {
            given().get("/api/v1/properties/" + id).then().statusCode(200);
        }
        given().get("/api/v1/properties/" + UUID.randomUUID()).then().statusCode(404);
        given().get(SEARCH + "?city=" + city.toUpperCase() + "&num_guests=2&min_bedrooms=1&max_price=150").then().statusCode(200);
        given().get(SEARCH + "?city=" + city + "&num_guests=2&min_bedrooms=1&max_price=200&min_price=20").then().statusCode(200);
        given().get(SEARCH + "?city=" + city + "&num_guests=2&min_bedrooms=1&max_price=150&page=2").then().statusCode(200);
        given().get(SEARCH + "?city=" + city + "&min_price=750").then().statusCode(200);
        given().get(SEARCH + "?city=" + city).then().statusCode(200);
        // Nothing is written while guests read.
        assertEquals(0, views(id));
        assertEquals(0, searches(key, 2, 1, "100-200"));

        double added = registry.counter("airstay.demand.flushes", "result", "added").count();
        counters.flush();
        assertEquals(added + 1, registry.counter("airstay.demand.flushes", "result", "added").count());
        assertEquals(3, views(id));
        assertEquals(2, searches(key, 2, 1, "100-200"), "page 2 is not counted again");
        assertEquals(1, searches(key, 0, 0, "500+"));
        assertEquals(1, searches(key, 0, 0, "any"));

        given().get("/api/v1/properties/" + id).then().statusCode(200);
        given().get("/api/v1/properties/" + id).then().statusCode(200);
        counters.flush();
        counters.flush();
        assertEquals(5, views(id));
        assertEquals(2, searches(key, 2, 1, "100-200"));
    }

    @Test
    void aFlushAddsToWhatOtherReplicasWrote() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Replicaville"), Map.of());
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("INSERT INTO silver.listing_views_daily (property_id, day, views) VALUES (?1, ?2, 10)")
                .setParameter(1, id).setParameter(2, today()).executeUpdate());

        given().get("/api/v1/properties/" + id).then().statusCode(200);
        counters.flush();

        assertEquals(11, views(id));
    }

    @Test
    void countsMadeWhileFlushesRunAreNeitherLostNorAddedTwice() throws Exception {
        UUID id = UUID.randomUUID();
        int threads = 4;
        int each = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> counting = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                counting.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        counters.viewed(id);
                    }
                }));
            }
            while (counting.stream().anyMatch(task -> !task.isDone())) {
                counters.flush();
            }
            for (Future<?> task : counting) {
                task.get();
            }
        } finally {
            pool.shutdownNow();
        }
        counters.flush();

        assertEquals((long) threads * each, views(id));
    }

    @Test
    void theCountsSinceTheLastFlushAreAddedWhenTheServiceStops() {
        UUID id = UUID.randomUUID();
        counters.viewed(id);
        counters.viewed(id);
        // the observer Quarkus notifies at shutdown, alone: firing the event would stop the other beans too
        ObserverMethod<? super ShutdownEvent> onStop = beanManager.resolveObserverMethods(new ShutdownEvent()).stream()
                .filter(observer -> observer.getBeanClass() == DemandCounters.class)
                .findFirst().orElseThrow();
        assertEquals(0, views(id));

        onStop.notify(new ShutdownEvent());

        assertEquals(2, views(id));
    }

    @Test
    void beyondItsCapOfKeysANewKeyIsNotCountedAndTheHeldOnesStillAre() {
        DemandCounters capped = new DemandCounters(repository, new SimpleMeterRegistry(), 2);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        capped.viewed(first);
        capped.viewed(second);

        capped.viewed(third);
        capped.viewed(first);
        capped.flush();

        assertEquals(2, views(first));
        assertEquals(1, views(second));
        assertEquals(0, views(third));
    }

    private long views(UUID id) {
        return count("SELECT views FROM silver.listing_views_daily WHERE property_id = ?1 AND day = ?2", id, today());
    }

    private long searches(String city, int guests, int bedrooms, String band) {
        return count("""
                SELECT requests FROM silver.search_requests_daily
                WHERE city = ?1 AND guests = ?2 AND bedrooms = ?3 AND price_band = ?4 AND day = ?5""",
                city, guests, bedrooms, band, today());
    }

    private long count(String sql, Object... parameters) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Query query = entityManager.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            List<?> rows = query.getResultList();
            return rows.isEmpty() ? 0L : ((Number) rows.get(0)).longValue();
        });
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
