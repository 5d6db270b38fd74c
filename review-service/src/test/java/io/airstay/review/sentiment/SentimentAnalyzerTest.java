package io.airstay.review.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SentimentAnalyzerTest {

    /** Rating 3 maps to 0.0, so the fallback cannot reveal the expected label of a text. */
    private static final int NEUTRAL_RATING = 3;

    private final SentimentAnalyzer analyzer = new SentimentAnalyzer();

    private record Example(String label, String text) {
    }

    @Test
    void accuracyOnLabelledReviews() throws IOException {
        List<Example> examples = labelledReviews();
        Map<String, int[]> perClass = new TreeMap<>(); // label -> {correct, total}
        List<String> misses = new ArrayList<>();
        int correct = 0;
        for (Example example : examples) {
            Sentiment sentiment = analyzer.analyze(example.text(), NEUTRAL_RATING);
            int[] counts = perClass.computeIfAbsent(example.label(), label -> new int[2]);
            counts[1]++;
            if (sentiment.label().equals(example.label())) {
                correct++;
                counts[0]++;
            } else {
                misses.add("  expected " + example.label() + ", got " + sentiment + ": " + example.text());
            }
        }
        double accuracy = (double) correct / examples.size();
        System.out.printf("VADER accuracy on %d labelled reviews: %.2f (%d/%d)%n",
                examples.size(), accuracy, correct, examples.size());
        perClass.forEach((label, counts) -> System.out.printf("  %s: %d/%d%n", label, counts[0], counts[1]));
        misses.forEach(System.out::println);
        assertTrue(accuracy >= 0.85, "accuracy " + accuracy);
    }

    private static List<Example> labelledReviews() throws IOException {
        InputStream in = SentimentAnalyzerTest.class.getResourceAsStream("/sentiment/labelled-reviews.tsv");
        assertNotNull(in, "labelled-reviews.tsv");
        List<Example> examples = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", 2);
                examples.add(new Example(fields[0], fields[1]));
            }
        }
        return examples;
    }

    private double score(String text) {
        return analyzer.analyze(text, NEUTRAL_RATING).score();
    }

    private String label(String text) {
        return analyzer.analyze(text, NEUTRAL_RATING).label();
    }

    @Test
    void negationAndUnPrefixTurnCleanNegative() {
        assertEquals(Sentiment.POSITIVE, label("The room was clean"));
        assertEquals(Sentiment.NEGATIVE, label("The room was not clean"));
        assertEquals(Sentiment.NEGATIVE, label("The room wasn't clean"));
        assertEquals(Sentiment.NEGATIVE, label("The room was unclean"));
        assertEquals(Sentiment.POSITIVE, label("The room was not bad"));
    }

    @Test
    void intensifiersCapsAndExclamationsRaiseTheScore() {
        assertTrue(score("very good") > score("good"));
        assertTrue(score("somewhat good") < score("good"));
        assertTrue(score("GOOD!!!") > score("good"));
        assertTrue(score("The host was GOOD") > score("The host was good"), "caps in mixed-case text");
        assertEquals(score("good!!!!"), score("good!!!!!!!"), "at most 4 exclamation marks count");
    }

    @Test
    void butShiftsWeightToTheSecondClause() {
        assertTrue(score("good but dirty") < score("good"));
        assertTrue(score("good but dirty") < 0);
        assertEquals(Sentiment.NEGATIVE, label("The view was great but the room was dirty"));
    }

    @Test
    void emoticonsAndPunctuationAttachedWordsAreFound() {
        assertEquals(Sentiment.POSITIVE, label("We arrived late :)"));
        assertEquals(Sentiment.NEGATIVE, label("We arrived late :("));
        assertEquals(Sentiment.POSITIVE, label("It was ok."));
    }

    @Test
    void kindOfIsNotTheWordKind() {
        assertEquals(Sentiment.POSITIVE, label("The host was kind"));
        assertTrue(score("kind of dirty") > score("dirty"), "'kind of' dampens");
        assertTrue(score("kind of dirty") < 0);
    }

    @Test
    void noAndLeastNegateTheFollowingWord() {
        assertEquals(Sentiment.POSITIVE, label("There were no problems at all"));
        assertEquals(Sentiment.NEGATIVE, label("No."));
        assertEquals(Sentiment.NEGATIVE, label("The least comfortable bed"));
        assertEquals(Sentiment.POSITIVE, label("At least the bed was comfortable"));
    }

    /** Scores published in the README of the reference implementation (github.com/cjhutto/vaderSentiment). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "VADER is smart, handsome, and funny.                                              | 0.8316",
        "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!                          | 0.9469",
        "VADER is not smart, handsome, nor funny.                                          | -0.7424",
        "At least it isn't a horrible book.                                                | 0.431",
        "The book was only kind of good.                                                   | 0.3832",
        "The plot was good, but the characters are uncompelling and the dialog is not great. | -0.7042",
        "Today only kinda sux! But I'll get by, lol                                        | 0.5249",
        "Make sure you :) or :D today!                                                     | 0.8633"})
    void matchesReferenceImplementation(String text, double expected) {
        assertEquals(expected, score(text));
    }

    @Test
    void ratingIsUsedOnlyWithoutSentimentWords() {
        assertEquals(new Sentiment(0.8, Sentiment.POSITIVE), analyzer.analyze("  ", 5));
        assertEquals(new Sentiment(-0.8, Sentiment.NEGATIVE), analyzer.analyze(null, 1));
        assertEquals(new Sentiment(0.0, Sentiment.NEUTRAL), analyzer.analyze("", 3));
        assertEquals(new Sentiment(0.4, Sentiment.POSITIVE), analyzer.analyze("We checked in at 3pm.", 4));
        assertEquals(new Sentiment(-0.4, Sentiment.NEGATIVE), analyzer.analyze("We checked in at 3pm.", 2));
        assertEquals(Sentiment.NEGATIVE, analyzer.analyze("The room was dirty", 5).label());
        assertThrows(IllegalArgumentException.class, () -> analyzer.analyze("good", 6));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "!!!!!!!!", "GREAT GREAT GREAT AMAZING WONDERFUL EXCELLENT PERFECT LOVE!!!!!!",
        "horrible terrible awful disgusting filthy worst nightmare hate???????",
        "not not not never no none nothing", "but but but", "least", "no", "kind of", "un",
        "\u2019 ' \" :) :( :D D: <3 </3"})
    void scoreIsRoundedAndWithinBounds(String text) {
        Sentiment sentiment = analyzer.analyze(text, NEUTRAL_RATING);
        assertTrue(sentiment.score() >= -1 && sentiment.score() <= 1, sentiment.toString());
        assertEquals(sentiment.score(), Math.round(sentiment.score() * 10_000) / 10_000.0);
    }
}
