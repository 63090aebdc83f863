package dev.hearth.privacy;

/**
 * How much evidence a span type's recognizer demands, strongest first. When candidate spans overlap, the
 * {@link Detector} keeps the more specific one (see {@link Detector} for the full rule).
 */
public enum Specificity {
    /** A fixed vendor prefix or a self-describing structure that is verified (key blocks, JWT headers, URLs with a password). */
    VERIFIED,
    /** A checksum or a registry rule is verified (Luhn, mod-97, mod-11, SSN area rules). */
    CHECKSUM,
    /** A distinctive format, validated where possible (e-mail, phone numbers via libphonenumber, IP addresses). */
    FORMAT,
    /** Depends on nearby context words or dictionaries (names, places, medications). */
    CONTEXT,
    /** Statistical guesswork (high-entropy values assigned to secret-looking names). */
    HEURISTIC
}
