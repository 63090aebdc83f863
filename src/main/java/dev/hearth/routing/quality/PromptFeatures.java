package dev.hearth.routing.quality;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The cheap, hand-made features the quality model reads beside the prompt's embedding, computed in one pass in
 * microseconds. Each is computed on the <em>question</em> (the prompt with its learned boilerplate removed, see
 * {@link Boilerplate}) except {@code log-boilerplate-blocks}, which counts what was removed:
 *
 * <ol>
 *   <li>{@code log-chars}: ln(1 + characters);
 *   <li>{@code log-words}: ln(1 + whitespace-separated words), a tokenizer-free stand-in for tokens;
 *   <li>{@code log-lines}: ln(1 + lines);
 *   <li>{@code digit-share}: digits / characters;
 *   <li>{@code symbol-share}: characters from {@code {}[]()<>=;:_#*+/\|&%$@^~`} / characters, a code and math marker;
 *   <li>{@code code-words}: 1 when the question has a code fence or names programming ({@code def}, {@code function},
 *       {@code python}, {@code return}, {@code class}, {@code SQL}, {@code regex}, ...), else 0;
 *   <li>{@code choices}: lines that start like a lettered option ({@code A)}, {@code B.}, {@code (C)}), capped at 10,
 *       divided by 10;
 *   <li>{@code question-mark}: 1 when the question contains {@code ?}, else 0;
 *   <li>{@code log-boilerplate-blocks}: ln(1 + boilerplate blocks removed), i.e. worked examples in a few-shot prompt.
 * </ol>
 *
 * <p>Stateless and thread-safe.
 */
final class PromptFeatures {
    /** Feature names in vector order; the weights file lists them by name and is rejected if they differ. */
    static final List<String> NAMES = List.of("log-chars", "log-words", "log-lines", "digit-share", "symbol-share",
            "code-words", "choices", "question-mark", "log-boilerplate-blocks");

    private static final String SYMBOLS = "{}[]()<>=;:_#*+/\\|&%$@^~`";
    private static final Pattern CODE_WORDS = Pattern.compile(
            "```|\\b(def|function|functions|python|java|javascript|return|returns|class|SQL|regex|array|list|string"
                    + "|integer|algorithm|code|program)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CHOICE_LINE = Pattern.compile("(?m)^\\s*\\(?[A-H][).:]\\s");

    private PromptFeatures() {}

    /** The features of {@code question}, which is what remained after removing {@code boilerplateBlocks} blocks. */
    static double[] of(String question, int boilerplateBlocks) {
        int chars = question.length();
        int digits = 0;
        int symbols = 0;
        int lines = chars == 0 ? 0 : 1;
        int words = 0;
        boolean inWord = false;
        boolean questionMark = false;
        for (int i = 0; i < chars; i++) {
            char c = question.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
            } else if (SYMBOLS.indexOf(c) >= 0) {
                symbols++;
            } else if (c == '\n') {
                lines++;
            } else if (c == '?') {
                questionMark = true;
            }
            boolean space = Character.isWhitespace(c);
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        long choices = CHOICE_LINE.matcher(question).results().limit(10).count();
        return new double[] {
            Math.log1p(chars),
            Math.log1p(words),
            Math.log1p(lines),
            chars == 0 ? 0 : (double) digits / chars,
            chars == 0 ? 0 : (double) symbols / chars,
            CODE_WORDS.matcher(question).find() ? 1 : 0,
            choices / 10.0,
            questionMark ? 1 : 0,
            Math.log1p(boilerplateBlocks),
        };
    }
}
