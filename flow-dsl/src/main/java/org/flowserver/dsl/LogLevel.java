package org.flowserver.dsl;

/** Level of a log line written by a flow. */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR
}
