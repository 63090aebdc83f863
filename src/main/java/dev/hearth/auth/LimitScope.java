package dev.hearth.auth;

/** Who limits set at run time apply to besides keys: a team, or a user (a key's owner or a token's subject). */
public enum LimitScope {
    TEAM("teams", "team"),
    USER("user_limits", "user");

    private final String table;
    private final String word;

    LimitScope(String table, String word) {
        this.table = table;
        this.word = word;
    }

    /** The table that holds them (a constant, never from input). */
    public String table() {
        return table;
    }

    /** {@code team} or {@code user}, for audit actions and messages. */
    public String word() {
        return word;
    }
}
