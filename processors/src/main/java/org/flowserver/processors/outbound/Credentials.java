package org.flowserver.processors.outbound;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/** What an outbound call authenticates with, added to each attempt. */
public interface Credentials {

    /** No credentials. */
    Credentials NONE = new Credentials() {
        @Override
        public Future<List<HttpField>> headers() {
            return Future.succeededFuture(List.of());
        }

        @Override
        public Future<Boolean> refresh(List<HttpField> rejected) {
            return Future.succeededFuture(false);
        }

        @Override
        public Set<String> headerNames() {
            return Set.of();
        }

        @Override
        public String cacheKey() {
            return "none";
        }
    };

    /** The headers to add to the next attempt (may fetch a token first). */
    Future<List<HttpField>> headers();

    /**
     * The API answered 401 to the attempt that carried {@code rejected}: true when newer credentials were
     * obtained, so that one resend makes sense (an OAuth 2.0 token); false when resending cannot help.
     */
    Future<Boolean> refresh(List<HttpField> rejected);

    /** The names of the headers {@link #headers()} adds, dropped on a redirect to another origin. */
    Set<String> headerNames();

    /** What tells these credentials apart in a response cache key, never a secret: {@code bearer:crm-token}. */
    String cacheKey();
}
