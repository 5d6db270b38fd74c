package io.airstay.platform.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.WithTestResource;

/** A {@code @QuarkusTest} against real PostgreSQL 17, Kafka and Redis servers, verifying {@link TestTokens}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(TestTokens.class)
public @interface RealServers {
}
