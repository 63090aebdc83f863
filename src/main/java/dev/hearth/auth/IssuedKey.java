package dev.hearth.auth;

import dev.hearth.config.Secret;

/**
 * A key just created: the stored record plus the key itself, which exists only in this value. Show
 * {@link Secret#reveal()} to the person once and drop it; nothing can show it again.
 */
public record IssuedKey(ApiKey key, Secret secret) {}
