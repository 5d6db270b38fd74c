package io.airstay.review.mapping;

import java.util.UUID;

import io.airstay.contracts.review.ReviewSubmitted;
import io.airstay.review.model.Review;
import io.airstay.review.repository.ReviewStatistics;
import io.airstay.review.rest.dto.ReviewRequest;
import io.airstay.review.rest.dto.ReviewSummary;
import io.airstay.review.rest.dto.ReviewView;

/** Moves review data between the API, the entity and events. */
public final class ReviewMapper {

    private ReviewMapper() {
    }

    /** Copies the guest's ratings and text onto the entity; blank text is no text, the language defaults to English. */
    public static void apply(ReviewRequest request, Review review) {
        review.rating = request.rating().shortValue();
        review.cleanlinessRating = toShort(request.cleanlinessRating());
        review.accuracyRating = toShort(request.accuracyRating());
        review.communicationRating = toShort(request.communicationRating());
        review.locationRating = toShort(request.locationRating());
        review.valueRating = toShort(request.valueRating());
        review.text = request.reviewText() == null || request.reviewText().isBlank() ? null : request.reviewText().strip();
        review.language = request.reviewLanguage() == null ? "en" : request.reviewLanguage();
    }

    public static ReviewView toView(Review r) {
        return new ReviewView(r.id, r.propertyId, r.bookingId, r.rating, r.cleanlinessRating, r.accuracyRating,
                r.communicationRating, r.locationRating, r.valueRating, r.text, r.language, r.sentimentScore,
                r.sentimentLabel, r.createdAt);
    }

    public static ReviewSummary toSummary(UUID propertyId, ReviewStatistics s) {
        return new ReviewSummary(propertyId, s.reviewCount(), s.averageRating(),
                new ReviewSummary.SubRatings(s.averageCleanliness(), s.averageAccuracy(), s.averageCommunication(),
                        s.averageLocation(), s.averageValue()),
                new ReviewSummary.SentimentDistribution(s.positive(), s.neutral(), s.negative()));
    }

    public static ReviewSubmitted toSubmitted(Review r) {
        return new ReviewSubmitted(r.id, r.bookingId, r.guestId, r.rating, r.sentimentScore, r.sentimentLabel);
    }

    private static Short toShort(Integer value) {
        return value == null ? null : value.shortValue();
    }
}
