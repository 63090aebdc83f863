package dev.hearth.backend;

/** Whether data sent to a backend stays on this machine (or the organisation's network) or leaves it. */
public enum Locality {
    LOCAL,
    CLOUD
}
