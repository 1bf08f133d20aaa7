package org.flowserver.bench.validators.jmh;

import org.flowserver.bench.validators.Request;
import org.flowserver.bench.validators.Specs;

/** The spec and the two requests every benchmark uses. */
final class BenchRequests {

    static final String SPEC = Specs.resource("bench/orders-bench.yaml");
    static final String ORDER_1K = Specs.resource("bench/order-1k.json").strip();

    /** (a) POST with a ~1 KB JSON order: nested objects, an array of line items, formats, enums, patterns. */
    static Request post() {
        return Request.post("/orders").json(ORDER_1K).build();
    }

    /** (b) GET with a path param, three query params (integer, enum, exploded array) and a header. */
    static Request get() {
        return Request.get("/customers/88412/orders")
                .query("limit", "20")
                .query("status", "paid")
                .query("tag", "metal", "spare")
                .header("X-Request-Id", "3f6c1d9e-8a2b-4c5d-9e7f-0a1b2c3d4e5f")
                .build();
    }

    private BenchRequests() {
    }
}
