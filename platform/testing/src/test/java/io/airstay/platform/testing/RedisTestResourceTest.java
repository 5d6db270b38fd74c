package io.airstay.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.URI;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

class RedisTestResourceTest {

    private final URI address = URI.create(new RedisTestResource().start().get("quarkus.redis.hosts"));

    @Test
    void setAndGet() {
        try (Jedis redis = connect()) {
            redis.set("listing:1", "Cabin");
            assertEquals("Cabin", redis.get("listing:1"));
        }
    }

    @Test
    void stopsAndRestartsOnTheSamePort() {
        try (Jedis redis = connect()) {
            redis.set("before", "restart");
        }
        RedisTestResource.stopServer();
        try {
            assertThrows(JedisConnectionException.class, () -> {
                try (Jedis redis = connect()) {
                    redis.ping();
                }
            });
        } finally {
            RedisTestResource.startServer();
        }
        try (Jedis redis = connect()) {
            assertEquals("PONG", redis.ping());
            assertNull(redis.get("before"));
        }
        assertEquals(address.toString(), new RedisTestResource().start().get("quarkus.redis.hosts"));
    }

    @Test
    void listensOnTheBindAddressOnlyInProtectedMode() {
        assumeFalse(ServerSupport.useContainers(), "Docker publishes a container's ports itself");
        assertEquals(Set.of(BindAddress.get() + ":" + address.getPort()), Listeners.onPort(address.getPort()));
        try (Jedis redis = connect()) {
            assertEquals(List.of("protected-mode", "yes"), redis.configGet("protected-mode"));
        }
    }

    @Test
    void isARealRedisServer() {
        try (Jedis redis = connect()) {
            assertTrue(redis.info("server").contains("redis_version:"));
        }
    }

    private Jedis connect() {
        return new Jedis(address.getHost(), address.getPort(), 2000);
    }
}
