package dev.hearth.privacy;

import java.util.List;
import java.util.Set;

/**
 * Finds candidate spans of one or a few related types. The built-in ones are rules (patterns, checksums, dictionaries
 * and context words); a local NER model can be plugged in later behind the same interface.
 *
 * <p>Contract: {@link #find} returns spans inside {@code [0, text.length())} whose types are among {@link #types()},
 * in any order, possibly overlapping each other (the {@link Detector} resolves overlaps). It never throws for any
 * text, however malformed (unpaired surrogates, megabytes of one character), and runs in time roughly linear in the
 * text's length: every pattern has bounded repetition and no nested quantifier over overlapping alternatives.
 *
 * <p>Threading: implementations are immutable and called concurrently from many threads; they must not keep the
 * text or any part of it after returning.
 */
public interface Recognizer {

    /** Candidate spans in {@code text}; an empty list when there are none. */
    List<Span> find(CharSequence text);

    /**
     * As {@link #find(CharSequence)}, given the candidates that the recognizers before this one in the
     * {@link Detector} found in the same text ({@code earlier}: read-only, in no order). A recognizer may skip text
     * covered by a candidate of a stronger {@link Specificity}, since the overlap rule drops its spans there anyway
     * (unless that candidate itself loses to a still stronger one, which is rare enough to accept). The default
     * ignores them.
     */
    default List<Span> find(CharSequence text, List<Span> earlier) {
        return find(text);
    }

    /** Every type name this recognizer may emit; each must be {@linkplain SpanTypes#isKnown known}. */
    Set<String> types();
}
