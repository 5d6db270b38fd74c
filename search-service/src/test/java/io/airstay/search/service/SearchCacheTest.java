package io.airstay.search.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.airstay.platform.testing.RealServers;
import io.airstay.platform.testing.RedisTestResource;
import io.airstay.search.GoldFixture;
import io.airstay.search.PropertyFixture;
import io.airstay.search.repository.PropertyRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@RealServers
class SearchCacheTest {

    private static final String SEARCH = "/api/v1/properties/search";

    @Inject
    MeterRegistry registry;
    @Inject
    RedisDataSource redis;
    @Inject
    CacheWarmer warmer;
    @Inject
    EntityManager entityManager;
    @Inject
    PropertyRepository properties;

    @Test
    void secondIdenticalSearchIsACacheHit() {
        String city = PropertyFixture.uniqueCity("Hitsville");
        PropertyFixture.create(city, Map.of());
        double hits = count("search", "hit");
        double misses = count("search", "miss");

        given().get(SEARCH + "?city=" + city + "&min_bedrooms=1").then().statusCode(200).body("data.size()", equalTo(1));
        awaitKeys("v1:api:search:" + city.toLowerCase() + ":1:g*");
        given().get(SEARCH + "?city=" + city + "&min_bedrooms=1").then().statusCode(200).body("data.size()", equalTo(1));

        assertEquals(misses + 1, count("search", "miss"));
        assertEquals(hits + 1, count("search", "hit"));
    }

    @Test
    void propertyChangesRetireCachedSearchesAndDetailAtOnce() {
        String city = PropertyFixture.uniqueCity("Changeville");
        UUID id = PropertyFixture.create(city, Map.of("base_price", 100));
        given().get(SEARCH + "?city=" + city).then().statusCode(200).body("data[0].base_price", equalTo(100f));
        given().get("/api/v1/properties/" + id).then().statusCode(200).body("base_price", equalTo(100f));
        awaitKeys("v1:api:search:" + city.toLowerCase() + ":_:g*");
        awaitKeys(PropertyCache.detailKey(id));

        PropertyFixture.asHost().contentType(ContentType.JSON).body("{\"base_price\": 150}").patch("/api/v1/properties/" + id)
                .then().statusCode(200);

        given().get(SEARCH + "?city=" + city).then().statusCode(200).body("data[0].base_price", equalTo(150f));
        given().get("/api/v1/properties/" + id).then().statusCode(200).body("base_price", equalTo(150f));

        PropertyFixture.asHost().delete("/api/v1/properties/" + id).then().statusCode(204);
        given().get(SEARCH + "?city=" + city).then().statusCode(200).body("data.size()", equalTo(0));
        given().get("/api/v1/properties/" + id).then().statusCode(404);
    }

    @Test
    void redisDownStillAnswersFromPostgres() {
        String city = PropertyFixture.uniqueCity("Outageville");
        UUID id = PropertyFixture.create(city, Map.of());
        RedisTestResource.stopServer();
        try {
            given().get(SEARCH + "?city=" + city).then().statusCode(200).body("data.size()", equalTo(1));
            given().get("/api/v1/properties/" + id).then().statusCode(200).body("property_id", equalTo(id.toString()));
            PropertyFixture.asHost().contentType(ContentType.JSON).body("{\"title\": \"Written while Redis was down\"}")
                    .patch("/api/v1/properties/" + id).then().statusCode(200);
            given().get("/api/v1/properties/" + id).then().statusCode(200).body("title", equalTo("Written while Redis was down"));
        } finally {
            RedisTestResource.startServer();
        }
    }

    @Test
    void aPatchWhileRedisIsPausedLeavesNoOldDetailOnceRedisAnswers() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Pauseville"), Map.of("title", "Before the pause"));
        given().get("/api/v1/properties/" + id).then().statusCode(200).body("title", equalTo("Before the pause"));
        redis.execute("CLIENT", "PAUSE", "3000", "ALL"); // Redis holds every command for 3 s
        try {
            PropertyFixture.asHost().contentType(ContentType.JSON).body("{\"title\": \"Written while Redis was paused\"}")
                    .patch("/api/v1/properties/" + id).then().statusCode(200);
        } finally {
            redis.execute("PING"); // returns once the pause is over
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("cache.repairs.pending").gauge().value() == 0);
        long version = QuarkusTransaction.requiringNew().call(() -> properties.findById(id).version);
        String stored = redis.value(String.class).get(PropertyCache.detailKey(id));
        assertTrue(stored.startsWith(version + ":") || stored.equals(version + "!"), "the patched detail or evicted: " + stored);
        given().get("/api/v1/properties/" + id).then().statusCode(200).body("title", equalTo("Written while Redis was paused"));
    }

    @Test
    void warmingCachesPopularCitiesAndMostBookedProperties() {
        UUID id = PropertyFixture.create("Miami", Map.of());
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("UPDATE silver.properties SET booking_count = 1000000 WHERE property_id = ?1")
                .setParameter(1, id).executeUpdate());
        redis.key(String.class).del(PropertyCache.detailKey(id));

        warmer.warm();

        awaitKeys(PropertyCache.detailKey(id));
        awaitKeys("v1:api:search:miami:_:g*");
    }

    @Test
    void warmingPrefersTheListingsAndSearchesTheLastRunRankedPopular() {
        String city = PropertyFixture.uniqueCity("Popville");
        UUID popular = PropertyFixture.create(city, Map.of());
        redis.key(String.class).del(PropertyCache.detailKey(popular));
        GoldFixture gold = new GoldFixture(entityManager);
        gold.popular(List.of(popular), List.<Object[]>of(new Object[] { city.toLowerCase(), 2, 1, "100-200" }));
        try {
            warmer.warm();
        } finally {
            gold.popular(List.of(), List.of());
        }

        awaitKeys(PropertyCache.detailKey(popular));
        // the popular search's first page, as a guest asks for it: 2 guests, 1 bedroom, up to 200 a night
        String warmed = "v1:api:search:" + city.toLowerCase() + ":1:g*";
        awaitKeys(warmed);
        double hits = count("search", "hit");
        given().get(SEARCH + "?city=" + city + "&num_guests=2&min_bedrooms=1&max_price=200").then().statusCode(200)
                .body("data[0].property_id", equalTo(popular.toString()));
        assertEquals(hits + 1, count("search", "hit"));
    }

    private void awaitKeys(String pattern) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !redis.key(String.class).keys(pattern).isEmpty());
    }

    private double count(String cache, String result) {
        return registry.counter("cache.gets", "cache", cache, "result", result).count();
    }
}
