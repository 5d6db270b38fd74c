package io.airstay.review.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import io.airstay.contracts.review.ReviewTopic;
import io.airstay.platform.cache.JsonBody;
import io.airstay.platform.db.Constraints;
import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.json.JsonDocuments;
import io.airstay.platform.outbox.Outbox;
import io.airstay.platform.pagination.Cursors;
import io.airstay.platform.pagination.Page;
import io.airstay.platform.problem.AccessDeniedException;
import io.airstay.platform.problem.ConflictException;
import io.airstay.platform.problem.InvalidFieldException;
import io.airstay.review.mapping.ReviewMapper;
import io.airstay.review.model.Review;
import io.airstay.review.model.Stay;
import io.airstay.review.repository.ReviewRepository;
import io.airstay.review.repository.StayRepository;
import io.airstay.review.rest.dto.ReviewRequest;
import io.airstay.review.rest.dto.ReviewSummary;
import io.airstay.review.rest.dto.ReviewView;
import io.airstay.review.sentiment.Sentiment;
import io.airstay.review.sentiment.SentimentAnalyzer;
import io.smallrye.mutiny.Uni;

/** Reviews of completed stays: one per stay, scored for sentiment, announced on review-events. */
@ApplicationScoped
public class ReviewService {

    private static final String ONE_REVIEW_PER_STAY = "reviews_booking_id_key";

    private final ReviewRepository reviews;
    private final StayRepository stays;
    private final SentimentAnalyzer sentiment;
    private final Outbox outbox;
    private final EventCodec codec;
    private final ReviewCache cache;
    private final JsonDocuments json;

    public ReviewService(ReviewRepository reviews, StayRepository stays, SentimentAnalyzer sentiment, Outbox outbox,
            EventCodec codec, ReviewCache cache, JsonDocuments json) {
        this.reviews = reviews;
        this.stays = stays;
        this.sentiment = sentiment;
        this.outbox = outbox;
        this.codec = codec;
        this.cache = cache;
        this.json = json;
    }

    /** Stores the guest's review of their completed stay of this listing; a second review of the stay is a 409. */
    public ReviewView submit(UUID propertyId, ReviewRequest request, UUID guest) {
        try {
            return store(propertyId, request, guest);
        } catch (PersistenceException e) {
            if (Constraints.violated(e, ONE_REVIEW_PER_STAY)) {
                throw alreadyReviewed();
            }
            throw e;
        }
    }

    @Transactional
    ReviewView store(UUID propertyId, ReviewRequest request, UUID guest) {
        if (request.guestId() != null && !request.guestId().equals(guest)) {
            throw new AccessDeniedException("guest_id names another user: a guest reviews their own stays");
        }
        Stay stay = stays.find(request.bookingId())
                .filter(found -> found.propertyId.equals(propertyId))
                .orElseThrow(() -> new InvalidFieldException("booking_id", "no stay of this listing has this booking id"));
        if (!stay.guestId.equals(guest)) {
            throw new AccessDeniedException("Booking " + stay.bookingId + " is another guest's stay");
        }
        if (!Stay.COMPLETED.equals(stay.status)) {
            throw new ConflictException("Only completed stays can be reviewed; this booking is " + stay.status);
        }
        if (reviews.existsForStay(stay.bookingId)) {
            throw alreadyReviewed();
        }
        Sentiment score = sentiment.analyze(request.reviewText(), request.rating());
        Review review = new Review();
        review.id = UUID.randomUUID();
        review.propertyId = propertyId;
        review.bookingId = stay.bookingId;
        review.guestId = stay.guestId;
        ReviewMapper.apply(request, review);
        review.sentimentScore = BigDecimal.valueOf(score.score());
        review.sentimentLabel = score.label();
        review.createdAt = Instant.now();
        reviews.persist(review);
        outbox.publish(ReviewTopic.NAME, EventEnvelope.create(ReviewTopic.SUBMITTED, propertyId, review.guestId,
                codec.toPayload(ReviewMapper.toSubmitted(review)), "review-service"));
        cache.reviewAdded(propertyId);
        return ReviewMapper.toView(review);
    }

    /** A page of the listing's reviews, newest first, as JSON (cached). */
    public Uni<JsonBody> page(UUID propertyId, int pageSize, String cursor) {
        return cache.page(propertyId, pageSize, cursor, () -> json.write(loadPage(propertyId, pageSize, cursor)));
    }

    /** The listing's review summary as JSON (cached). */
    public Uni<JsonBody> summary(UUID propertyId) {
        return cache.summary(propertyId, () -> json.write(loadSummary(propertyId)));
    }

    @Transactional
    Page<ReviewView> loadPage(UUID propertyId, int pageSize, String cursor) {
        List<ReviewView> rows = reviews.newestFirst(propertyId, Cursors.decodeNewestFirst(cursor), pageSize + 1).stream()
                .map(ReviewMapper::toView).toList();
        return Page.of(rows, pageSize, null, last -> Cursors.newestFirst(last.createdAt(), last.reviewId()));
    }

    @Transactional
    ReviewSummary loadSummary(UUID propertyId) {
        return ReviewMapper.toSummary(propertyId, reviews.statistics(propertyId));
    }

    private static ConflictException alreadyReviewed() {
        return new ConflictException("This stay has already been reviewed");
    }
}
