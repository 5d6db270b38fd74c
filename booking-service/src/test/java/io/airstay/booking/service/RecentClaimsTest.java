package io.airstay.booking.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class RecentClaimsTest {

    private static final LocalDate JULY_1 = LocalDate.of(2030, 7, 1);

    private final RecentClaims claims = new RecentClaims();
    private final UUID listing = UUID.randomUUID();

    @Test
    void ofManyRequestsRacingForOneNightExactlyOneClaimsIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<RecentClaims.Claim>> attempts = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int offset = i % 3;
                attempts.add(pool.submit(() -> claims.tryClaim(listing, null, JULY_1.minusDays(offset), JULY_1.plusDays(1))));
            }
            int claimed = 0;
            for (Future<RecentClaims.Claim> attempt : attempts) {
                claimed += attempt.get() == null ? 0 : 1;
            }
            assertEquals(1, claimed);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClaimStaysWithItsStoredBookingAndGoesWhenWithdrawnOrReleased() {
        RecentClaims.Claim first = claims.tryClaim(listing, "key-1", JULY_1, JULY_1.plusDays(3));
        assertNotNull(first);
        assertNull(claims.tryClaim(listing, null, JULY_1.plusDays(2), JULY_1.plusDays(5)), "overlapping nights");
        assertNotNull(claims.tryClaim(listing, null, JULY_1.plusDays(3), JULY_1.plusDays(4)), "the check-out night is free");
        assertNotNull(claims.tryClaim(UUID.randomUUID(), null, JULY_1, JULY_1.plusDays(3)), "another listing");

        RecentClaims.Claim retry = claims.tryClaim(listing, "key-1", JULY_1, JULY_1.plusDays(3));
        assertNotNull(retry, "a retry with the same Idempotency-Key goes on to get the first booking");
        claims.withdraw(retry);

        UUID booking = UUID.randomUUID();
        claims.stored(first, booking);
        assertNull(claims.tryClaim(listing, null, JULY_1, JULY_1.plusDays(1)), "the stored booking keeps its nights");
        claims.release(listing, booking);
        RecentClaims.Claim after = claims.tryClaim(listing, null, JULY_1, JULY_1.plusDays(1));
        assertNotNull(after, "released with its booking");

        claims.withdraw(after);
        assertNotNull(claims.tryClaim(listing, null, JULY_1, JULY_1.plusDays(1)), "withdrawn when its request failed");
    }
}
