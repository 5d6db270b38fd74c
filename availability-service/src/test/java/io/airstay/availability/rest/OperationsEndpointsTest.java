package io.airstay.availability.rest;

import org.junit.jupiter.api.Test;

import io.airstay.platform.testing.OperationsEndpoints;
import io.airstay.platform.testing.RealServers;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@RealServers
class OperationsEndpointsTest {

    @Test
    void readinessChecksDatabaseRedisAndKafka() {
        OperationsEndpoints.assertReadinessCoversDatabaseRedisAndKafka();
    }

    @Test
    void metricsExposeHoldLatencyAndOutcomes() {
        OperationsEndpoints.assertMetricsContain("airstay_availability_hold_duration_seconds_bucket", "airstay_outbox_backlog");
    }

    @Test
    void openApiDescribesTheApi() {
        OperationsEndpoints.assertOpenApiDescribes("/api/v1/properties/{id}/availability");
    }
}
