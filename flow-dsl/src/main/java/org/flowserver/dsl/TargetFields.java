package org.flowserver.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The target fields of a {@code restRequest} as written, in the DSL or in JSON, before they become the one
 * {@link RestTarget} a spec holds. A spec cannot hold two targets, so a conflict (two of {@code url},
 * {@code hostname}, {@code service}; a {@code port} next to a {@code url}) is only visible here: the builder and the
 * JSON reader both ask this record for its problems, so the two entry points word them alike.
 *
 * <p>The target is the first present of {@code url}, {@code hostname}, {@code service}; with none, an empty
 * {@link RestTarget.Url}, which the validator reports as a missing target.
 */
record TargetFields(Optional<String> url, Optional<String> scheme, Optional<String> hostname, OptionalInt port,
                    Optional<String> basePath, Optional<String> path, Optional<String> service) {

    static final TargetFields NONE = new TargetFields(Optional.empty(), Optional.empty(), Optional.empty(),
            OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    TargetFields {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(basePath, "basePath");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(service, "service");
    }

    TargetFields withUrl(String value) {
        return new TargetFields(Optional.of(value), scheme, hostname, port, basePath, path, service);
    }

    TargetFields withScheme(String value) {
        return new TargetFields(url, Optional.of(value), hostname, port, basePath, path, service);
    }

    TargetFields withHostname(String value) {
        return new TargetFields(url, scheme, Optional.of(value), port, basePath, path, service);
    }

    TargetFields withPort(int value) {
        return new TargetFields(url, scheme, hostname, OptionalInt.of(value), basePath, path, service);
    }

    TargetFields withBasePath(String value) {
        return new TargetFields(url, scheme, hostname, port, Optional.of(value), path, service);
    }

    TargetFields withPath(String value) {
        return new TargetFields(url, scheme, hostname, port, basePath, Optional.of(value), service);
    }

    TargetFields withService(String value) {
        return new TargetFields(url, scheme, hostname, port, basePath, path, Optional.of(value));
    }

    /** The target these fields describe; see the class comment for which one wins a conflict. */
    RestTarget target() {
        if (url.isPresent()) {
            return new RestTarget.Url(url.get());
        }
        if (hostname.isPresent()) {
            return new RestTarget.Parts(scheme.orElse("https"), hostname.get(), port, basePath.orElse(""),
                    path.orElse(""));
        }
        if (service.isPresent()) {
            return new RestTarget.Service(service.get(), path.orElse(""));
        }
        return new RestTarget.Url("");
    }

    /** Fields that conflict with the target, with paths relative to the processor. */
    List<Problem> problems() {
        Map<String, String> targets = new LinkedHashMap<>();
        url.ifPresent(value -> targets.put("url", value));
        hostname.ifPresent(value -> targets.put("hostname", value));
        service.ifPresent(value -> targets.put("service", value));
        List<Problem> problems = new ArrayList<>();
        if (targets.isEmpty()) {
            return problems;
        }
        String first = targets.keySet().iterator().next();
        targets.forEach((field, value) -> {
            if (!field.equals(first)) {
                problems.add(new Problem(field, FlowValidator.quote(value) + " cannot be combined with " + first
                        + "; set exactly one of url, hostname or service"));
            }
        });
        Map<String, String> partsOnly = new LinkedHashMap<>();
        scheme.ifPresent(value -> partsOnly.put("scheme", value));
        port.ifPresent(value -> partsOnly.put("port", String.valueOf(value)));
        basePath.ifPresent(value -> partsOnly.put("basePath", value));
        if (first.equals("url")) {
            path.ifPresent(value -> partsOnly.put("path", value));
            partsOnly.forEach((field, value) -> problems.add(new Problem(field, FlowValidator.quote(value)
                    + " cannot be combined with url; write the whole URL in url, or use hostname with scheme, port, "
                    + "basePath and path")));
        } else if (first.equals("service")) {
            partsOnly.forEach((field, value) -> problems.add(new Problem(field, FlowValidator.quote(value)
                    + " cannot be combined with service; the service's base URL sets the scheme, host, port and "
                    + "base path")));
        }
        return problems;
    }
}
