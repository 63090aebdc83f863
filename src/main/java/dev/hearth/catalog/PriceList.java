package dev.hearth.catalog;

import java.util.Map;
import java.util.Optional;

/**
 * Prices for budgets: the operator's overrides first, then the shipped catalog. An override is keyed by
 * {@code backend/model} (one model on one backend), {@code backend/*} (everything a backend serves: how a local
 * server's amortised hardware cost is set) or a bare model name (wherever it is served). Catalog prices of
 * open-weight families are 0 and mean "not priced": a local backend costs what the operator configures, never a
 * silent zero. Immutable and thread-safe.
 */
public final class PriceList {
    private final Map<String, Price> overrides;

    public PriceList(Map<String, Price> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * The price of {@code model} served by {@code backend}, or empty when nobody priced it.
     *
     * @param info what the catalog knows of the model, already looked up when the route was built (a route's
     *             {@code info()}), so pricing a request costs a few map look-ups and no catalog search
     */
    public Optional<Price> priceOf(String backend, String model, ModelInfo info) {
        Price price = overrides.get(backend + "/" + model);
        if (price == null) {
            price = overrides.get(backend + "/*");
        }
        if (price == null) {
            price = overrides.get(model);
        }
        if (price != null) {
            return Optional.of(price);
        }
        if (info.inputPerMillion() == null || info.outputPerMillion() == null
                || (info.inputPerMillion() == 0 && info.outputPerMillion() == 0)) {
            return Optional.empty();
        }
        return Optional.of(new Price(info.inputPerMillion(), info.outputPerMillion()));
    }
}
