package org.flowserver.processors;

/**
 * Bounds on one evaluation of an expression, so that a runaway expression fails its message instead of
 * holding a thread.
 *
 * @param timeoutMillis  the longest one evaluation may run
 * @param maxDepth       the deepest evaluation nesting (recursion) allowed
 */
public record ExpressionLimits(long timeoutMillis, int maxDepth) {

    public static final ExpressionLimits DEFAULT = new ExpressionLimits(5_000, 500);

    public ExpressionLimits {
        if (timeoutMillis < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("Expression limits must be positive: expression-timeout-ms is "
                    + timeoutMillis + " and expression-max-depth is " + maxDepth + "; set both to 1 or more");
        }
    }
}
