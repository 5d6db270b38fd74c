package io.airstay.review.sentiment;

/**
 * Sentiment of one review: {@code score} is VADER's compound score rounded to 4 decimals, in [-1, 1];
 * {@code label} is "positive" when {@code score >= 0.05}, "negative" when {@code score <= -0.05},
 * else "neutral" (VADER's usual thresholds).
 */
public record Sentiment(double score, String label) {

    public static final String POSITIVE = "positive";
    public static final String NEGATIVE = "negative";
    public static final String NEUTRAL = "neutral";

    public Sentiment {
        if (!(score >= -1.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in [-1, 1]: " + score);
        }
        if (!labelFor(score).equals(label)) {
            throw new IllegalArgumentException("label " + label + " does not match score " + score);
        }
    }

    /** Rounds a compound score to 4 decimals and labels it. */
    static Sentiment of(double compound) {
        double score = Math.round(compound * 10_000) / 10_000.0;
        return new Sentiment(score, labelFor(score));
    }

    private static String labelFor(double score) {
        if (score >= 0.05) {
            return POSITIVE;
        }
        return score <= -0.05 ? NEGATIVE : NEUTRAL;
    }
}
