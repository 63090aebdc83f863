package dev.hearth.privacy;

/**
 * The coarse family a span type belongs to; policies (which backend may see what) are written per data class, not per
 * type. Every span type maps to exactly one class, see {@link SpanTypes}.
 */
public enum DataClass {
    /** Credentials: API keys, tokens, private keys, passwords, connection strings with passwords. */
    SECRET,
    /** Protected health information: record numbers, plan ids, clinical codes, medications and diagnoses. */
    PHI,
    /** Personal data: contact details, national identifiers, names, addresses, network identifiers. */
    PII,
    /** Payment instruments and account numbers. */
    FINANCIAL,
    /** Documents marked confidential or privileged. */
    CONFIDENTIAL,
    /** Matches of an organisation's own rules ({@code CUSTOM:<name>}). */
    CUSTOM
}
