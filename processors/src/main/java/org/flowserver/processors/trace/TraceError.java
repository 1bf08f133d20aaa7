package org.flowserver.processors.trace;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a message failed or was rejected.
 *
 * @param category     {@value #PREPROCESSING} (the request was refused before the flow ran),
 *                     {@value #PROCESSING} (a processor failed, or the flow's answer could not be sent),
 *                     {@value #TRANSIENT_EXHAUSTED} (a processor failed transiently on every attempt of the flow's
 *                     redelivery policy) or {@value #DISABLED} (the flow is disabled)
 * @param type         what kind of error, for example {@code invalid-request} or {@code JException}
 * @param message      what happened, as the caller or the log was told
 * @param processorId  the processor where it happened; for preprocessing errors, the source
 */
public record TraceError(String category, String type, String message, Optional<String> processorId) {

    public static final String PREPROCESSING = "preprocessing";
    public static final String PROCESSING = "processing";
    /** A processor failed transiently on every attempt the flow's redelivery policy allows. */
    public static final String TRANSIENT_EXHAUSTED = "transient-exhausted";
    /** The flow was disabled: the valid request was refused with 503. */
    public static final String DISABLED = "disabled";

    public TraceError {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(processorId, "processorId");
    }
}
