package org.flowserver.processors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.dsl.InvalidFlowException;
import org.flowserver.dsl.MultipartPartSpec;
import org.flowserver.dsl.OutboundSettingsRules;
import org.flowserver.dsl.Problem;
import org.flowserver.dsl.RestAuthSpec;
import org.flowserver.dsl.RestMethod;
import org.flowserver.dsl.RestRequestSpec;
import org.flowserver.dsl.RestTarget;
import org.flowserver.dsl.RetryPolicySpec;
import org.flowserver.processors.outbound.CallSettings;
import org.flowserver.processors.outbound.OutboundCalls;
import org.flowserver.processors.outbound.OutboundDefaults;
import org.flowserver.processors.outbound.OutboundEndpoint;
import org.flowserver.processors.outbound.ResponseCache;
import org.flowserver.processors.outbound.ServiceDefinition;
import org.flowserver.processors.outbound.TemplateException;
import org.flowserver.processors.outbound.TemplateFiller;
import org.flowserver.processors.outbound.UrlBuilder;
import org.flowserver.processors.payload.JsonLimits;

/**
 * Turns a {@code restRequest} spec into its step at deploy time: finds its service, checks that the flow's owner
 * may use the service and the secrets it names, merges the service's settings under the call's, and compiles
 * every template, so that nothing of this can fail on the first message.
 */
final class RestRequestTranslator {

    /** Redirects followed when neither the call nor its service says. */
    static final int DEFAULT_MAX_REDIRECTS = 10;

    private final OutboundCalls outbound;
    private final ExpressionLimits limits;
    private final JsonLimits jsonLimits;

    RestRequestTranslator(OutboundCalls outbound, ExpressionLimits limits, JsonLimits jsonLimits) {
        this.outbound = outbound;
        this.limits = limits;
        this.jsonLimits = jsonLimits;
    }

    /**
     * @param path  the processor's path in the flow, {@code processors[2]}
     * @throws InvalidFlowException listing every problem
     */
    RestRequestStep translate(FlowSpec flow, String path, RestRequestSpec spec) {
        List<Problem> problems = new ArrayList<>();
        OutboundEndpoint endpoint = endpoint(flow, path, spec.target(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidFlowException(flow.id(), problems);
        }
        Optional<ServiceDefinition> service = endpoint.definition();
        spec.auth().ifPresent(auth -> checkSecrets(flow.ownerId(), path + ".auth", auth, problems));
        boolean hasBody = spec.body().isPresent() || spec.multipart().isPresent();
        RestMethod method = spec.method().or(() -> service.flatMap(ServiceDefinition::method))
                .orElse(hasBody ? RestMethod.POST : RestMethod.GET);
        if (hasBody && !method.allowsBody()) {
            problems.add(new Problem(path + (spec.body().isPresent() ? ".body" : ".multipart"), "is sent with "
                    + method + " (the method of service '" + service.map(ServiceDefinition::name).orElse("")
                    + "'), which sends no body; set the call's method"));
        }
        if (spec.cache().isPresent() && method != RestMethod.GET && method != RestMethod.HEAD) {
            problems.add(new Problem(path + ".cache", "applies to GET and HEAD calls only, and this call is a "
                    + method + " (the method of service '" + service.map(ServiceDefinition::name).orElse("")
                    + "'); a cached answer would skip the call's effect"));
        }
        Templates templates = new Templates(flow, path, problems);
        Map<String, List<String>> query = merge(service.map(ServiceDefinition::queryParameters).orElse(Map.of()),
                spec.queryParameters(), false);
        UrlBuilder url = templates.url(spec.target(), service, query);
        List<RestRequestStep.HeaderTemplate> headers = new ArrayList<>();
        merge(service.map(ServiceDefinition::headers).orElse(Map.of()), spec.headers(), true).forEach((name, values) ->
                values.forEach(value -> headers.add(new RestRequestStep.HeaderTemplate(name,
                        templates.fill(path + ".headers." + name, "header " + name, value)))));
        List<RestRequestStep.HeaderTemplate> cookies = new ArrayList<>();
        spec.cookies().forEach((name, value) -> cookies.add(new RestRequestStep.HeaderTemplate(name,
                templates.fill(path + ".cookies." + name, "cookie " + name, value))));
        Optional<Expression> body = spec.body().map(templates::expression);
        Optional<RestRequestStep.MultipartTemplate> multipart = spec.multipart().map(m -> new RestRequestStep.MultipartTemplate(
                m.contentType(), m.boundary(), m.parts().stream().map(part -> part(templates, path, part)).toList()));
        if (!problems.isEmpty()) {
            throw new InvalidFlowException(flow.id(), problems);
        }
        RestAuthSpec auth = spec.auth().or(() -> service.flatMap(ServiceDefinition::auth)).orElse(new RestAuthSpec.None());
        OutboundDefaults defaults = outbound.http().defaults();
        CallSettings settings = new CallSettings(
                spec.connectTimeout().or(() -> service.flatMap(ServiceDefinition::connectTimeout))
                        .orElse(defaults.connectTimeout()),
                spec.readTimeout().or(() -> service.flatMap(ServiceDefinition::readTimeout)).orElse(defaults.readTimeout()),
                spec.totalTimeout().or(() -> service.flatMap(ServiceDefinition::totalTimeout))
                        .orElse(defaults.totalTimeout()),
                spec.followRedirects().or(() -> service.flatMap(ServiceDefinition::followRedirects)).orElse(true),
                spec.maxRedirects().isPresent() ? spec.maxRedirects().getAsInt() : service
                        .filter(definition -> definition.maxRedirects().isPresent())
                        .map(definition -> definition.maxRedirects().getAsInt()).orElse(DEFAULT_MAX_REDIRECTS),
                Set.copyOf(spec.expectedStatusCodes()),
                spec.retryPolicy().or(() -> service.flatMap(ServiceDefinition::retryPolicy)).orElse(RetryPolicySpec.DEFAULT),
                defaults.maxResponseBytes());
        Optional<ResponseCache> cache = spec.cache().map(c -> new ResponseCache(c, outbound.clock()))
                .or(() -> method == RestMethod.GET || method == RestMethod.HEAD
                        ? service.flatMap(definition -> outbound.serviceCache(definition.name())) : Optional.empty());
        return new RestRequestStep(flow.ownerId(), flow.id(), spec.id(), method, endpoint, url, headers, cookies, body,
                multipart, settings, outbound.credentials(auth, endpoint), cache, spec.onError(), spec.output(),
                spec.forwardResponseHeaders(), jsonLimits);
    }

    /** The service's endpoint, or the one of direct URLs; a problem when the service is unknown or not the owner's. */
    private OutboundEndpoint endpoint(FlowSpec flow, String path, RestTarget target, List<Problem> problems) {
        String name;
        String field;
        if (target instanceof RestTarget.Service named) {
            name = named.name();
            field = path + ".service";
        } else if (target instanceof RestTarget.Url url && UrlBuilder.serviceScheme(url.url()).isPresent()) {
            name = UrlBuilder.serviceScheme(url.url()).get();
            field = path + ".url";
        } else {
            return outbound.http().direct();
        }
        Optional<OutboundEndpoint> service = outbound.http().service(name);
        Optional<ServiceDefinition> definition = service.flatMap(OutboundEndpoint::definition);
        if (definition.isEmpty()) {
            String what = field.endsWith(".url") ? "has scheme '" + name + "', which is neither http, https nor a "
                    + "service of this server" : "'" + name + "' is not a service of this server";
            problems.add(new Problem(field, what + "; " + available(flow.ownerId())));
        } else if (!definition.get().allows(flow.ownerId())) {
            problems.add(new Problem(field, "service '" + definition.get().name() + "' does not serve owner '"
                    + flow.ownerId() + "'; " + available(flow.ownerId())
                    + " (a service's owners are set in the server's outbound-config)"));
        }
        return service.orElseGet(() -> outbound.http().direct());
    }

    private String available(String ownerId) {
        List<String> names = outbound.http().serviceNames().stream()
                .filter(name -> outbound.http().service(name).flatMap(OutboundEndpoint::definition)
                        .map(definition -> definition.allows(ownerId)).orElse(false))
                .toList();
        return names.isEmpty() ? "owner '" + ownerId + "' may call no services here, only http and https URLs"
                : "the services owner '" + ownerId + "' may call are " + String.join(", ", names);
    }

    private void checkSecrets(String ownerId, String path, RestAuthSpec auth, List<Problem> problems) {
        OutboundSettingsRules.secretNames(auth).forEach((field, name) ->
                checkSecret(ownerId, path + "." + field, name, problems));
    }

    private void checkSecret(String ownerId, String path, String name, List<Problem> problems) {
        // The name is not quoted when it is no secret's: it may be a password pasted where its name belongs.
        if (outbound.secrets().find(name).isEmpty()) {
            problems.add(new Problem(path, "names no secret of this server; secrets are configured in the "
                    + "server's outbound-config, which lists the owners that may use each"));
        } else if (!outbound.secrets().allows(name, ownerId)) {
            problems.add(new Problem(path, "secret '" + name + "' may not be used by flows of owner '" + ownerId
                    + "'; the server's outbound-config must list the owner in the secret's owners"));
        }
    }

    /**
     * The service's entries, then the call's: a call's entry replaces the service's of the same name (ignoring case
     * for headers), and an empty call value removes it. The service's values are literal text, never templates.
     */
    private static Map<String, List<String>> merge(Map<String, List<String>> service, Map<String, List<String>> call,
                                                   boolean ignoreCase) {
        Map<String, Map.Entry<String, List<String>>> merged = new LinkedHashMap<>();
        service.forEach((name, values) -> merged.put(key(name, ignoreCase), Map.entry(name,
                values.stream().map(RestRequestTranslator::literal).toList())));
        call.forEach((name, values) -> {
            if (values.isEmpty() || values.stream().allMatch(String::isEmpty)) {
                merged.remove(key(name, ignoreCase));
            } else {
                merged.put(key(name, ignoreCase), Map.entry(name, values));
            }
        });
        Map<String, List<String>> result = new LinkedHashMap<>();
        merged.values().forEach(entry -> result.put(entry.getKey(), entry.getValue()));
        return result;
    }

    private static String key(String name, boolean ignoreCase) {
        return ignoreCase ? name.toLowerCase(Locale.ROOT) : name;
    }

    /** Text as a template that fills in as itself. */
    private static String literal(String text) {
        return text.replace("{", "{{").replace("}", "}}");
    }

    private static RestRequestStep.PartTemplate part(Templates templates, String path, MultipartPartSpec part) {
        String at = path + ".multipart.parts." + part.name();
        return new RestRequestStep.PartTemplate(part.name(),
                part.value().map(value -> templates.fill(at + ".value", "value of part " + part.name(), value)),
                part.content().map(templates::expression),
                part.filename().map(name -> templates.fill(at + ".filename", "filename of part " + part.name(), name)),
                part.contentType(), part.contentDisposition(), part.contentLength());
    }

    /** Compiles templates and expressions, turning what does not compile into problems. */
    private final class Templates {

        private final FlowSpec flow;
        private final String path;
        private final List<Problem> problems;
        private final Set<String> seen = new TreeSet<>();

        Templates(FlowSpec flow, String path, List<Problem> problems) {
            this.flow = flow;
            this.path = path;
            this.problems = problems;
        }

        UrlBuilder url(RestTarget target, Optional<ServiceDefinition> service, Map<String, List<String>> query) {
            try {
                return UrlBuilder.compile(target, service, query, flow.ownerId(), flow.id(), limits);
            } catch (TemplateException e) {
                problems.add(new Problem(path + targetField(target), e.getMessage()));
                return null;
            }
        }

        TemplateFiller fill(String at, String field, String template) {
            try {
                return TemplateFiller.compile(field, template, flow.ownerId(), flow.id(), limits);
            } catch (TemplateException e) {
                if (seen.add(at)) {
                    problems.add(new Problem(at, e.getMessage()));
                }
                return null;
            }
        }

        Expression expression(String text) {
            return new Expression(text, flow.ownerId(), flow.id(), limits);
        }

        private String targetField(RestTarget target) {
            return target instanceof RestTarget.Url ? ".url" : ".path";
        }
    }
}
