package org.flowserver.bench.validators;

/**
 * One violation as the server reports it (DESIGN.md §4.4).
 *
 * @param location body, path, query, header or cookie; "request" when a candidate does not say
 * @param pointer  a JSON pointer into the body or into the parameter ("/limit", "/tag/1", "/filter/limit");
 *                 "" for the whole body; null when the candidate gives none
 * @param message  the candidate's message
 */
public record Violation(String location, String pointer, String message) {
}
