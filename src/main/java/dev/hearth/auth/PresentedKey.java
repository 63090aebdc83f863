package dev.hearth.auth;

import dev.hearth.config.Secret;

/**
 * What a request presented as its credential, read from its headers by the ingress: nothing, something that cannot
 * be a key (with a reason that never quotes it), or a key candidate (kept as a {@link Secret} so it cannot be logged
 * by accident).
 */
public sealed interface PresentedKey {

    PresentedKey ABSENT = new Absent();

    /** No credential header at all. */
    record Absent() implements PresentedKey {}

    /** A credential header that cannot carry a key: wrong scheme, empty, two different keys. */
    record Malformed(String reason) implements PresentedKey {}

    /** A bearer token or {@code x-api-key} value; not yet checked. */
    record Key(Secret secret) implements PresentedKey {}
}
