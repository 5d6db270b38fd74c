package io.airstay.booking;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.airstay.platform.testing.KafkaTestResource;
import io.airstay.platform.testing.PostgresTestResource;
import io.airstay.platform.testing.RedisTestResource;
import io.airstay.platform.testing.ServiceProcessTestResource;
import io.airstay.platform.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;

/**
 * The saga's real surroundings: PostgreSQL, Kafka and Redis servers, and availability-service running
 * from its jar on the same broker.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(TestTokens.class)
@WithTestResource(value = ServiceProcessTestResource.class, initArgs = {
        @ResourceArg(name = "name", value = "availability-service"),
        @ResourceArg(name = "jar", value = "../availability-service/target/quarkus-app/quarkus-run.jar"),
        @ResourceArg(name = "database", value = "airstay_availability") })
public @interface WithSagaStack {
}
