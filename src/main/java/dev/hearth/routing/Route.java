package dev.hearth.routing;

import dev.hearth.backend.Backend;
import dev.hearth.catalog.ModelInfo;

/** One place a request can run: a backend, the model name it knows, and what the catalog knows of that model. */
public record Route(Backend backend, String model, ModelInfo info) {
    /** "backend/model", the unambiguous reference used in headers, logs and aliases. */
    public String ref() {
        return backend.name() + "/" + model;
    }
}
