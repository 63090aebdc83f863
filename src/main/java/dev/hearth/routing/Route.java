package dev.hearth.routing;

import dev.hearth.backend.Backend;

/** One place a request can run: a backend and the model name it knows. */
public record Route(Backend backend, String model) {
    /** "backend/model", the unambiguous reference used in headers, logs and aliases. */
    public String ref() {
        return backend.name() + "/" + model;
    }
}
