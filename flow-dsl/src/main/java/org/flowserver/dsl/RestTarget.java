package org.flowserver.dsl;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where a {@link RestRequestSpec} sends its request: exactly one of a full URL, the parts of one, or a service
 * configured on the server. Text may hold {@code {JSONata}} placeholders where the field's rule allows them.
 */
public sealed interface RestTarget permits RestTarget.Url, RestTarget.Parts, RestTarget.Service {

    /**
     * A full URL, {@code http://}, {@code https://} or {@code <service>://path} (the same as {@link Service}).
     *
     * @param url  the URL template; placeholders in its path and query only
     */
    record Url(String url) implements RestTarget {
        public Url {
            Objects.requireNonNull(url, "url");
        }
    }

    /**
     * A URL from its parts: {@code scheme://hostname[:port]/basePath/path}, base path and path joined with
     * exactly one slash.
     *
     * @param scheme    {@code http} or {@code https} (the default)
     * @param hostname  the host name or address; no placeholders
     * @param port      1 to 65535; absent means 443 for https, 80 for http
     * @param basePath  a path template; may be empty
     * @param path      a path template; may be empty
     */
    record Parts(String scheme, String hostname, OptionalInt port, String basePath, String path) implements RestTarget {
        public Parts {
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(hostname, "hostname");
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(basePath, "basePath");
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * A service configured on the server (its base URL, credentials, defaults), by name.
     *
     * @param name  the service name, matched ignoring case; the server refuses to deploy an unknown one
     * @param path  a path template under the service's base URL; may be empty
     */
    record Service(String name, String path) implements RestTarget {
        public Service {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
        }
    }
}
