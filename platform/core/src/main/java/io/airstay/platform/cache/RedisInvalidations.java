package io.airstay.platform.cache;

import java.util.Optional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * Redis' reports of changed keys, handed to the {@link NearCache}. Redis' server-assisted client-side caching in
 * broadcast mode ({@code CLIENT TRACKING ON BCAST PREFIX ...}, RESP3) reports every change to a key under a tracked
 * prefix, whoever makes it: a replica's write, a repair, an eviction, an expiry, a flush, a replica of an earlier
 * release. So the near cache is invalidated by exactly the writes that change Redis, with nothing for writers to
 * publish.
 * <p>
 * The reports arrive on a connection of this class's own. A PING is sent on it every heartbeat; as Redis answers in
 * order, its PONG proves that every report sent before the PING has arrived ({@link NearCache#confirm}). A
 * connection that closes, fails or leaves its PINGs unanswered for the silence limit stops the near cache (nothing
 * served, everything dropped) until a new connection tracks again, retried after the cache's failure backoff.
 */
final class RedisInvalidations {

    private static final Logger LOG = Logger.getLogger(RedisInvalidations.class);

    private final Vertx vertx;
    private final Context context;
    private final NearCache near;
    private final RedisOptions options;
    private final long heartbeatMillis;
    private final long silenceLimitNanos;
    private final long retryMillis;
    private final Counter resets;
    private final Counter reports;
    private Redis client;
    /** The open connection, tracking or about to. */
    private RedisConnection connection;
    private boolean tracking;
    private long heartbeat = -1;
    private long lastPong;
    private boolean lostLogged;
    private boolean closed;

    RedisInvalidations(Vertx vertx, NearCache near, String redisAddress, Optional<String> password,
            NearCacheConfig nearConfig, CacheConfig cacheConfig, MeterRegistry registry) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.near = near;
        this.options = new RedisOptions().setConnectionString(redisAddress).setMaxPoolSize(1)
                .setPreferredProtocolVersion(ProtocolVersion.RESP3);
        password.ifPresent(options::setPassword);
        this.heartbeatMillis = Math.max(nearConfig.heartbeat().toMillis(), 1);
        this.silenceLimitNanos = nearConfig.silenceLimit().toNanos();
        this.retryMillis = Math.max(cacheConfig.failureBackoff().toMillis(), 1);
        this.resets = Counter.builder("cache.near.resets")
                .description("Times the near cache stopped and dropped its entries: the change reports' connection was lost")
                .register(registry);
        this.reports = Counter.builder("cache.near.invalidations")
                .description("Changed keys Redis reported to this replica").register(registry);
    }

    void start() {
        context.runOnContext(ignored -> connect());
    }

    void close() {
        context.runOnContext(ignored -> {
            closed = true;
            near.stop();
            disconnect();
        });
    }

    private void connect() {
        if (closed) {
            return;
        }
        client = Redis.createClient(vertx, options);
        Redis connecting = client;
        connecting.connect().onSuccess(opened -> {
            if (closed || connecting != client) {
                opened.close();
                return;
            }
            connection = opened;
            opened.handler(this::received);
            opened.exceptionHandler(failure -> lost(opened, failure.toString()));
            opened.endHandler(ended -> lost(opened, "connection closed"));
            Request trackChanges = Request.cmd(Command.CLIENT).arg("TRACKING").arg("ON").arg("BCAST");
            near.trackedPrefixes().forEach(prefix -> trackChanges.arg("PREFIX").arg(prefix));
            opened.send(trackChanges).onSuccess(ok -> {
                if (opened != connection) {
                    return;
                }
                tracking = true;
                near.start();
                lastPong = System.nanoTime();
                ping(opened);
                heartbeat = vertx.setPeriodic(heartbeatMillis, tick -> ping(opened));
                if (lostLogged) {
                    LOG.info("Near cache serving again: Redis reports changes to " + near.trackedPrefixes());
                    lostLogged = false;
                }
            }).onFailure(failure -> lost(opened, "CLIENT TRACKING refused: " + failure));
        }).onFailure(failure -> lost(null, failure.toString()));
    }

    private void ping(RedisConnection pinged) {
        long sentAt = System.nanoTime();
        if (sentAt - lastPong > silenceLimitNanos) {
            lost(pinged, "no PONG for " + silenceLimitNanos / 1_000_000 + " ms");
            return;
        }
        pinged.send(Request.cmd(Command.PING)).onSuccess(pong -> {
            if (pinged == connection) {
                lastPong = System.nanoTime();
                near.confirm(sentAt);
            }
        });
    }

    private void received(Response push) {
        if (push == null || push.type() != ResponseType.PUSH || !"invalidate".equals(push.get(0).toString())) {
            return;
        }
        Response keys = push.get(1);
        if (keys == null) {
            near.flush(); // FLUSHALL or FLUSHDB
            return;
        }
        for (Response key : keys) {
            near.invalidate(key.toString());
            reports.increment();
        }
    }

    /** {@code failed} is the connection that failed, or null when none could be opened. */
    private void lost(RedisConnection failed, String reason) {
        if (failed != connection) {
            return; // a connection already given up
        }
        near.stop();
        if (tracking) {
            resets.increment();
        }
        if (!lostLogged) {
            LOG.warnf("Near cache off until Redis reports changes again (%s); reads go to Redis", reason);
            lostLogged = true;
        }
        disconnect();
        if (!closed) {
            vertx.setTimer(retryMillis, retry -> connect());
        }
    }

    private void disconnect() {
        if (heartbeat >= 0) {
            vertx.cancelTimer(heartbeat);
            heartbeat = -1;
        }
        connection = null;
        tracking = false;
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
