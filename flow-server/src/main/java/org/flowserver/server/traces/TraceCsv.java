package org.flowserver.server.traces;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.flowserver.processors.trace.MessageTrace;

/**
 * Traces as CSV (docs/traces.md): fields separated by {@code ;}, lines ended by CRLF, a field with {@code ;},
 * {@code "} or a line break quoted with its quotes doubled (RFC 4180 with another separator). Times are UTC
 * ISO-8601 with microseconds, the processing time is in milliseconds with three decimals, the size in bytes. A
 * field that a spreadsheet would run as a formula (starting with {@code = + - @}, a tab or a carriage return:
 * a caller's correlation id, say) gets a leading {@code '}.
 */
final class TraceCsv {

    static final String HEADER = "START_TIME;END_TIME;PROCESSING_TIME;ORIGIN;FLOW_ID;FLOW_NAME;STATE;PRINCIPAL;"
            + "MESSAGE_SIZE;MESSAGE_ID;CORRELATION_ID;ERROR_CATEGORIES";
    static final String LINE_END = "\r\n";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX")
            .withZone(ZoneOffset.UTC);

    private TraceCsv() {
    }

    static void appendRow(StringBuilder out, MessageTrace trace) {
        field(out, time(trace.start())).append(';');
        field(out, trace.end().map(TraceCsv::time).orElse("")).append(';');
        field(out, trace.processingTime().map(time -> TraceJson.millis(time.toNanos() / 1_000).toPlainString())
                .orElse("")).append(';');
        field(out, trace.origin()).append(';');
        field(out, trace.flowId()).append(';');
        field(out, trace.flowName()).append(';');
        field(out, trace.state().name()).append(';');
        field(out, trace.principal().orElse("")).append(';');
        field(out, Long.toString(trace.messageSize())).append(';');
        field(out, trace.messageId()).append(';');
        field(out, trace.correlationId()).append(';');
        field(out, String.join(",", trace.errorCategories())).append(LINE_END);
    }

    static String time(Instant instant) {
        return TIME.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    static StringBuilder field(StringBuilder out, String value) {
        String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ';' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            return out.append(text);
        }
        return out.append('"').append(text.replace("\"", "\"\"")).append('"');
    }
}
