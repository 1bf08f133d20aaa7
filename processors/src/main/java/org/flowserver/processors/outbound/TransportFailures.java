package org.flowserver.processors.outbound;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClosedException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.OptionalInt;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.flowserver.processors.outbound.AttemptOutcome.Failure;

/**
 * Turns what Vert.x and Netty report when a request finds no connection or loses it into a failure of one of our
 * kinds. Vert.x reports a TLS handshake failure (untrusted certificate, wrong host, refused client certificate) as an
 * {@link SSLException} somewhere in the cause chain, a full pool as {@link ConnectionPoolTooBusyException}, and the
 * connect timeout of {@code RequestOptions} (pool wait included) as a {@link TimeoutException}.
 */
final class TransportFailures {

    private static final int MAX_DEPTH = 16;

    private TransportFailures() {
    }

    /** {@code client.request(...)} failed: no connection was obtained, so nothing was sent. */
    static Failure connecting(Throwable failure, long connectTimeoutMillis, PoolLimits pool) {
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            return tls(tls);
        }
        if (find(failure, ConnectionPoolTooBusyException.class) != null) {
            return Failure.transport(RestErrorKind.CONNECTION, "the connection pool of " + pool.maxPoolSize()
                    + " and its wait queue of " + pool.maxWaitQueueSize() + " are full", false, failure);
        }
        if (find(failure, TimeoutException.class) != null || isNettyConnectTimeout(failure)) {
            String limit = connectTimeoutMillis > 0 ? "the connect timeout of " + connectTimeoutMillis + " ms"
                    : "the time the operating system allows for a connection";
            return Failure.transport(RestErrorKind.TIMEOUT, "no connection within " + limit, false, failure);
        }
        return Failure.transport(RestErrorKind.CONNECTION, connectionDetail(failure), false, failure);
    }

    /** The request had a connection, then the exchange failed (before or while the answer arrived). */
    static Failure exchanging(Throwable failure, boolean answerStarted) {
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            // TLS 1.3: a server refuses a client certificate only after the client finished its handshake.
            return tls(tls);
        }
        if (find(failure, HttpClosedException.class) != null
                || find(failure, ClosedChannelException.class) != null) {
            return Failure.transport(RestErrorKind.CONNECTION, answerStarted
                    ? "the connection closed before the answer was complete"
                    : "the connection closed before an answer arrived", true, failure);
        }
        return Failure.transport(RestErrorKind.CONNECTION, connectionDetail(failure), true, failure);
    }

    private static Failure tls(SSLException tls) {
        // Vert.x wraps the JDK's reason ("Failed to create SSL connection"); the innermost cause names it:
        // "unable to find valid certification path to requested target", "No subject alternative names ...".
        Throwable reason = tls;
        int depth = 0;
        while (reason.getCause() != null && reason.getCause() != reason && depth++ < MAX_DEPTH) {
            reason = reason.getCause();
        }
        String message = reason.getMessage() != null ? reason.getMessage()
                : tls.getMessage() != null ? tls.getMessage() : tls.getClass().getSimpleName();
        return Failure.permanent(RestErrorKind.TLS, "the TLS handshake failed: " + message, OptionalInt.empty(),
                tls);
    }

    private static String connectionDetail(Throwable failure) {
        if (find(failure, UnknownHostException.class) != null) {
            return "the host name could not be resolved";
        }
        ConnectException refused = find(failure, ConnectException.class);
        if (refused != null) {
            String message = String.valueOf(refused.getMessage());
            return message.toLowerCase(java.util.Locale.ROOT).contains("refused") ? "the connection was refused"
                    : "no connection: " + message;
        }
        String message = failure.getMessage();
        return "the connection failed: " + (message == null ? failure.getClass().getSimpleName() : message);
    }

    private static boolean isNettyConnectTimeout(Throwable failure) {
        // io.netty.channel.ConnectTimeoutException (the TCP connect timeout of the client's options).
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
            if (t.getClass().getName().equals("io.netty.channel.ConnectTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
