package org.flowserver.bench.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The files bench/run.sh uses, packaged into this jar by the pom: the specs and the 1 KB payload. */
final class BenchResources {

    static final String ORDERS_SPEC = "bench/specs/orders.yaml";
    static final String CUSTOMER_ORDERS_SPEC = "bench/specs/customer-orders.yaml";
    static final String PAYLOAD_1K = "bench/payload-1k.json";

    private BenchResources() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = BenchResources.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource '" + name + "' is not in the jar; rebuild bench/openapi");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }
}
