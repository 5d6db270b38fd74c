package io.airstay.review.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * VADER sentiment (Hutto & Gilbert, "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of
 * Social Media Text", ICWSM 2014) for short review texts. It follows the rules of the reference
 * vaderSentiment implementation, using that project's lexicon (classpath resource
 * {@value #LEXICON_RESOURCE}).
 *
 * <p>Changes from the reference: tokens are stripped of surrounding punctuation unless the whole token
 * is a lexicon entry (so "ok." becomes "ok" and ":)" stays intact); "kind of"/"sort of" dampen the
 * next word like "kinda"/"sorta"; an "un-" word missing from the lexicon whose stem is in it (e.g.
 * "unclean") gets the stem's valence negated as in "not clean"; the "but" rule works by position.
 * Emoji are not translated to words, and the pos/neu/neg proportions are not computed.
 *
 * <p>Thread-safe: the lexicon is read once per JVM and never modified.
 */
@ApplicationScoped
public class SentimentAnalyzer {

    static final String LEXICON_RESOURCE = "vader_sentiment_lexicon.txt";

    // Empirically derived constants of the paper.
    private static final double B_INCR = 0.293;
    private static final double B_DECR = -0.293;
    private static final double C_INCR = 0.733;
    private static final double N_SCALAR = -0.74;
    /** A booster 1, 2 or 3 words before a sentiment word counts fully, ×0.95 or ×0.9. */
    private static final double[] BOOSTER_DISTANCE_FACTOR = {1.0, 0.95, 0.9};
    /** Makes the compound score approach ±1 as the valence sum grows. */
    private static final double NORMALIZATION_ALPHA = 15;

    private static final Set<String> NEGATIONS = Set.of(
            "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
            "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
            "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
            "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
            "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
            "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
            "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
            "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");

    private static final Map<String, Double> BOOSTERS = boosters();

    private static Map<String, Double> boosters() {
        Map<String, Double> boosters = new HashMap<>();
        for (String word : List.of("absolutely", "amazingly", "awfully", "completely", "considerable",
                "considerably", "decidedly", "deeply", "effing", "enormous", "enormously", "entirely",
                "especially", "exceptional", "exceptionally", "extreme", "extremely", "fabulously",
                "flipping", "flippin", "frackin", "fracking", "fricking", "frickin", "frigging", "friggin",
                "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely",
                "incredible", "incredibly", "intensely", "major", "majorly", "more", "most", "particularly",
                "purely", "quite", "really", "remarkably", "so", "substantially", "thoroughly", "total",
                "totally", "tremendous", "tremendously", "uber", "unbelievably", "unusually", "utter",
                "utterly", "very")) {
            boosters.put(word, B_INCR);
        }
        for (String word : List.of("almost", "barely", "hardly", "kinda", "kindof", "kind-of", "less",
                "little", "marginal", "marginally", "occasional", "occasionally", "partly", "scarce",
                "scarcely", "slight", "slightly", "somewhat", "sorta", "sortof", "sort-of")) {
            boosters.put(word, B_DECR);
        }
        return Map.copyOf(boosters);
    }

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** ArC also instantiates this class for its client proxy, hence the lexicon lives in a holder. */
    private static final class LexiconHolder {
        static final Map<String, Double> VALENCES = loadLexicon();
    }

    private final Map<String, Double> lexicon;

    public SentimentAnalyzer() {
        this.lexicon = LexiconHolder.VALENCES;
    }

    /**
     * Scores a review. The rating (1-5) is used only when the text is null or blank or contains no
     * sentiment-bearing word: it then maps to a compound of 1→-0.8, 2→-0.4, 3→0.0, 4→0.4, 5→0.8.
     *
     * @throws IllegalArgumentException if the rating is outside 1-5
     */
    public Sentiment analyze(String reviewText, int rating) {
        if (rating < 1 || rating > 5) {
            throw new IllegalArgumentException("rating must be between 1 and 5: " + rating);
        }
        // Curly apostrophes would hide negations such as "wasn’t".
        String text = reviewText == null ? "" : reviewText.replace('\u2019', '\'');
        double[] valences = valences(tokenize(text));
        double sum = 0;
        boolean hasSentimentWord = false;
        for (double valence : valences) {
            sum += valence;
            hasSentimentWord |= valence != 0;
        }
        if (!hasSentimentWord) {
            return Sentiment.of((rating - 3) * 0.4);
        }
        sum += Math.signum(sum) * punctuationEmphasis(text);
        double compound = sum / Math.sqrt(sum * sum + NORMALIZATION_ALPHA);
        return Sentiment.of(Math.max(-1.0, Math.min(1.0, compound)));
    }

    /** Whitespace-separated words with surrounding punctuation removed, keeping emoticons whole. */
    private List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        for (String raw : WHITESPACE.split(text.strip())) {
            String word = lookup(raw) != null ? raw : stripPunctuation(raw);
            if (!word.isEmpty()) {
                tokens.add(word);
            }
        }
        return tokens;
    }

    private static String stripPunctuation(String token) {
        int start = 0;
        int end = token.length();
        while (start < end && !Character.isLetterOrDigit(token.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(token.charAt(end - 1))) {
            end--;
        }
        return token.substring(start, end);
    }

    /** The valence each token contributes, after all VADER rules. */
    private double[] valences(List<String> tokens) {
        int n = tokens.size();
        List<String> lower = tokens.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        // Capitals only signal emphasis when the text is not written entirely in capitals.
        long upperCount = tokens.stream().filter(SentimentAnalyzer::isUpper).count();
        boolean capsEmphasis = upperCount > 0 && upperCount < n;
        double[] valences = new double[n];
        for (int i = 0; i < n; i++) {
            Double base = lookup(tokens.get(i));
            boolean kindOf = i + 1 < n && lower.get(i + 1).equals("of")
                    && (lower.get(i).equals("kind") || lower.get(i).equals("sort"));
            if (base == null || BOOSTERS.containsKey(lower.get(i)) || kindOf) {
                continue;
            }
            double valence = base;
            // "no" before a sentiment word only negates that word ("no problems"); alone it is negative.
            if (lower.get(i).equals("no") && i + 1 < n && lookup(tokens.get(i + 1)) != null) {
                valence = 0;
            }
            boolean afterNoOr = i > 2 && lower.get(i - 3).equals("no")
                    && (lower.get(i - 1).equals("or") || lower.get(i - 1).equals("nor")); // "no water or heating"
            if ((i > 0 && lower.get(i - 1).equals("no")) || (i > 1 && lower.get(i - 2).equals("no")) || afterNoOr) {
                valence = base * N_SCALAR;
            }
            if (capsEmphasis && isUpper(tokens.get(i))) {
                valence += Math.signum(valence) * C_INCR;
            }
            // Up to 3 preceding words may boost, dampen or negate; sentiment words themselves do not.
            for (int distance = 0; distance < 3 && i - distance - 1 >= 0; distance++) {
                int j = i - distance - 1;
                if (lookup(tokens.get(j)) != null) {
                    continue;
                }
                valence += boosterScalar(tokens, lower, j, valence, capsEmphasis)
                        * BOOSTER_DISTANCE_FACTOR[distance];
                valence = negationCheck(lower, j, i, valence);
            }
            // "least good" is negated, "at least good"/"very least" are not.
            if (i > 0 && lower.get(i - 1).equals("least")
                    && !(i > 1 && (lower.get(i - 2).equals("at") || lower.get(i - 2).equals("very")))) {
                valence *= N_SCALAR;
            }
            valences[i] = valence;
        }
        // Contrast: what follows the first "but" outweighs what precedes it.
        int but = lower.indexOf("but");
        if (but >= 0) {
            for (int i = 0; i < n; i++) {
                valences[i] *= i < but ? 0.5 : i > but ? 1.5 : 1.0;
            }
        }
        return valences;
    }

    /** How much the booster or dampener at {@code j} changes {@code valence}, away from or towards 0. */
    private static double boosterScalar(List<String> tokens, List<String> lower, int j, double valence,
            boolean capsEmphasis) {
        Double scalar = BOOSTERS.get(lower.get(j));
        if (scalar == null && lower.get(j).equals("of") && j > 0
                && (lower.get(j - 1).equals("kind") || lower.get(j - 1).equals("sort"))) {
            scalar = B_DECR;
        }
        if (scalar == null || valence == 0) {
            return 0;
        }
        double signed = Math.signum(valence) * scalar;
        if (capsEmphasis && isUpper(tokens.get(j))) {
            signed += Math.signum(valence) * C_INCR;
        }
        return signed;
    }

    /** Applies the negation at {@code j}, if any, to the valence of the sentiment word at {@code i}. */
    private static double negationCheck(List<String> lower, int j, int i, double valence) {
        String word = lower.get(j);
        if (!NEGATIONS.contains(word) && !word.contains("n't")) {
            return valence;
        }
        List<String> between = lower.subList(j + 1, i);
        if (word.equals("never") && (between.contains("so") || between.contains("this"))) {
            return valence * 1.25; // "never so clean" emphasises rather than negates
        }
        if (word.equals("without") && between.contains("doubt")) {
            return valence; // "without a doubt the best"
        }
        return valence * N_SCALAR;
    }

    /**
     * Extra intensity from "!" (0.292 each, at most 4) and from 2 or more "?" (0.18 each up to 3, else
     * 0.96); a single question mark adds nothing.
     */
    private static double punctuationEmphasis(String text) {
        long exclamations = Math.min(4, text.chars().filter(c -> c == '!').count());
        long questions = text.chars().filter(c -> c == '?').count();
        double questionEmphasis = questions <= 1 ? 0 : questions <= 3 ? questions * 0.18 : 0.96;
        return exclamations * 0.292 + questionEmphasis;
    }

    /**
     * The lexicon valence of a token, trying it as written (emoticons such as ":D") and then
     * lower-cased; an "un-" word absent from the lexicon takes its stem's valence negated.
     */
    private Double lookup(String token) {
        Double valence = lexicon.get(token);
        if (valence != null) {
            return valence;
        }
        String lower = token.toLowerCase(Locale.ROOT);
        valence = lexicon.get(lower);
        // Stems of at least 4 letters keep "unit" or "until" out; boosters such as "unusually" stay boosters.
        if (valence == null && lower.length() >= 6 && lower.startsWith("un") && !BOOSTERS.containsKey(lower)) {
            Double stem = lexicon.get(lower.substring(2));
            valence = stem == null ? null : stem * N_SCALAR;
        }
        return valence;
    }

    /** Like Python's str.isupper(): has letters and none of them is lower case. */
    private static boolean isUpper(String token) {
        return token.chars().anyMatch(Character::isLetter) && token.chars().noneMatch(Character::isLowerCase);
    }

    /** Reads "token TAB mean-valence TAB ..." lines; a repeated token keeps its last value, as in the reference. */
    private static Map<String, Double> loadLexicon() {
        InputStream in = SentimentAnalyzer.class.getClassLoader().getResourceAsStream(LEXICON_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("VADER lexicon not on the classpath: " + LEXICON_RESOURCE);
        }
        Map<String, Double> valences = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t");
                try {
                    valences.put(fields[0].strip(), Double.parseDouble(fields[1].strip()));
                } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
                    throw new IllegalStateException(
                            "Malformed line " + lineNumber + " in " + LEXICON_RESOURCE + ": " + line, e);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + LEXICON_RESOURCE, e);
        }
        return Map.copyOf(valences);
    }
}
