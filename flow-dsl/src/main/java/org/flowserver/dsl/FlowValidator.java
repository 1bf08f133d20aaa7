package org.flowserver.dsl;

import com.dashjoin.jsonata.Jsonata;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rules of a flow, checked all at once so that every problem is reported together. */
final class FlowValidator {

    private static final int MAX_QUOTED = 60;

    private FlowValidator() {
    }

    static List<Problem> problems(FlowSpec flow) {
        List<Problem> problems = new ArrayList<>();
        checkId(problems, "id", flow.id());
        checkId(problems, "ownerId", flow.ownerId());
        checkProcessors(problems, flow.processors(), flow.id());
        flow.deadLetterStrategy().ifPresent(strategy -> {
            String path = "deadLetterStrategy.flowId";
            if (checkId(problems, path, strategy.flowId()) && strategy.flowId().equals(flow.id())) {
                problems.add(new Problem(path, quote(strategy.flowId())
                        + " names this flow itself; the dead-letter flow must be another flow of the same owner"));
            }
        });
        flow.redeliveryPolicy().ifPresent(policy -> checkRedelivery(problems, policy));
        return problems;
    }

    private static void checkRedelivery(List<Problem> problems, RedeliveryPolicySpec policy) {
        if (policy.maxAttempts() < 1 || policy.maxAttempts() > RedeliveryPolicySpec.MAX_ATTEMPTS) {
            problems.add(new Problem("redeliveryPolicy.maxAttempts", policy.maxAttempts() + " is out of range; use 1 "
                    + "(never retry) to " + RedeliveryPolicySpec.MAX_ATTEMPTS));
        }
        if (policy.maxDelayMillis() < 0 || policy.maxDelayMillis() > RedeliveryPolicySpec.MAX_DELAY_MILLIS) {
            problems.add(new Problem("redeliveryPolicy.maxDelayMillis", policy.maxDelayMillis() + " is out of range; "
                    + "use 0 to " + RedeliveryPolicySpec.MAX_DELAY_MILLIS + " (one hour)"));
        }
        if (policy.initialDelayMillis() < 0 || policy.initialDelayMillis() > policy.maxDelayMillis()) {
            problems.add(new Problem("redeliveryPolicy.initialDelayMillis", policy.initialDelayMillis()
                    + " is out of range; use 0 to maxDelayMillis (" + policy.maxDelayMillis() + ")"));
        }
        if (!(policy.multiplier() >= 1.0 && policy.multiplier() <= 10.0)) {
            problems.add(new Problem("redeliveryPolicy.multiplier", policy.multiplier() + " is out of range; use 1.0 "
                    + "(a constant delay) to 10.0"));
        }
    }

    private static void checkProcessors(List<Problem> problems, List<ProcessorSpec> processors, String flowId) {
        if (processors.isEmpty()) {
            problems.add(new Problem("processors", "must not be empty; a flow starts with a source such as restApi"));
            return;
        }
        Map<String, Integer> firstIndexOfId = new HashMap<>();
        for (int i = 0; i < processors.size(); i++) {
            ProcessorSpec processor = processors.get(i);
            String path = "processors[" + i + "]";
            boolean isSource = processor instanceof SourceSpec;
            if (i == 0 && !isSource) {
                problems.add(new Problem(path + ".type", quote(processor.type())
                        + " is not a source; the first processor must be a source (restApi, or handoff without a flowId)"));
            } else if (i > 0 && isSource) {
                problems.add(new Problem(path + ".type", quote(processor.type())
                        + " is a source; only the first processor may be a source"));
            }
            if (checkId(problems, path + ".id", processor.id())) {
                Integer earlier = firstIndexOfId.putIfAbsent(processor.id(), i);
                if (earlier != null) {
                    problems.add(new Problem(path + ".id", quote(processor.id()) + " is already the id of processors["
                            + earlier + "]; processor ids must be unique within a flow"));
                }
            }
            checkCommon(problems, path, processor.common());
            checkKind(problems, path, processor, flowId);
        }
    }

    private static void checkCommon(List<Problem> problems, String path, CommonProperties common) {
        try {
            Map<String, String> properties = common.exchangePropertyMap();
            if (properties.containsKey("")) {
                problems.add(new Problem(path + ".exchangeProperties",
                        "has a line without a property name; write one name=value per line"));
            }
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(path + ".exchangeProperties",
                    "is not valid java.util.Properties text (" + e.getMessage() + "); write one name=value per line"));
        }
        common.messageLoggingStrategy().ifPresent(strategy -> {
            if (strategy.maxPayloadLength() < 0) {
                problems.add(new Problem(path + ".messageLoggingStrategy.maxPayloadLength",
                        quote(String.valueOf(strategy.maxPayloadLength())) + " must be 0 or more"));
            }
        });
        common.payloadArchivingStrategy().ifPresent(strategy -> {
            if (strategy.maxBytes() < 1) {
                problems.add(new Problem(path + ".payloadArchivingStrategy.maxBytes",
                        quote(String.valueOf(strategy.maxBytes())) + " must be 1 or more"));
            }
        });
    }

    private static void checkKind(List<Problem> problems, String path, ProcessorSpec processor, String flowId) {
        processor.accept(new ProcessorVisitor<Void>() {
            @Override
            public Void restApi(RestApiSpec spec) {
                spec.apiSpecId().ifPresent(apiSpecId -> ApiSpecId.problem(apiSpecId)
                        .ifPresent(message -> problems.add(new Problem(path + ".apiSpecId", message))));
                checkCharset(problems, path + ".responseConversionCharacterSet",
                        Optional.of(spec.responseConversionCharacterSet()));
                spec.inboundTransformationStrategy().ifPresent(strategy ->
                        checkCharset(problems, path + ".inboundTransformationStrategy.charset", strategy.charset()));
                return null;
            }

            @Override
            public Void setExchangeProperty(SetExchangePropertySpec spec) {
                checkRequired(problems, path + ".propertyName", spec.propertyName());
                checkExpression(problems, path + ".source", spec.source());
                return null;
            }

            @Override
            public Void setPayload(SetPayloadSpec spec) {
                checkExpression(problems, path + ".source", spec.source());
                return null;
            }

            @Override
            public Void map(MapSpec spec) {
                checkExpression(problems, path + ".mapSpec", spec.mapSpec());
                return null;
            }

            @Override
            public Void filter(FilterSpec spec) {
                checkExpression(problems, path + ".expression", spec.expression());
                return null;
            }

            @Override
            public Void log(LogSpec spec) {
                spec.expression().ifPresent(expression -> checkExpression(problems, path + ".expression", expression));
                return null;
            }

            @Override
            public Void handoff(HandoffSpec spec) {
                if (checkId(problems, path + ".flowId", spec.flowId()) && spec.flowId().equals(flowId)) {
                    problems.add(new Problem(path + ".flowId", quote(spec.flowId())
                            + " names this flow itself; hand off to another flow of the same owner"));
                }
                return null;
            }

            @Override
            public Void handoffSource(HandoffSourceSpec spec) {
                return null;
            }

            @Override
            public Void restRequest(RestRequestSpec spec) {
                RestRequestRules.check(problems, path, spec);
                return null;
            }
        });
    }

    /** Returns whether the id is valid, after adding a problem if it is not. */
    private static boolean checkId(List<Problem> problems, String path, String id) {
        if (id.isEmpty()) {
            problems.add(new Problem(path, "is required; it must match " + Ids.PATTERN_TEXT));
            return false;
        }
        if (!Ids.isValid(id)) {
            problems.add(new Problem(path, quote(id) + " does not match " + Ids.PATTERN_TEXT));
            return false;
        }
        return true;
    }

    private static boolean checkRequired(List<Problem> problems, String path, String value) {
        if (value.isBlank()) {
            problems.add(new Problem(path, "is required"));
            return false;
        }
        return true;
    }

    static void checkExpression(List<Problem> problems, String path, String expression) {
        if (!checkRequired(problems, path, expression)) {
            return;
        }
        try {
            Jsonata.jsonata(expression);
        } catch (RuntimeException e) {
            problems.add(new Problem(path, quote(expression) + " is not a valid JSONata expression: " + e.getMessage()));
        }
    }

    private static void checkCharset(List<Problem> problems, String path, Optional<String> charset) {
        charset.ifPresent(name -> {
            boolean supported;
            try {
                supported = Charset.isSupported(name);
            } catch (IllegalArgumentException e) {
                supported = false;
            }
            if (!supported) {
                problems.add(new Problem(path, quote(name)
                        + " is not a character set this server supports (for example UTF-8, ISO-8859-1, UTF-16)"));
            }
        });
    }

    static String quote(String value) {
        String shown = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "..." : value;
        return "'" + shown + "'";
    }
}
