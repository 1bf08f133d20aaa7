package org.flowserver.processors.outbound;

/** The connection pool of one client: connections at once, and requests that may wait for one. */
record PoolLimits(int maxPoolSize, int maxWaitQueueSize) {

    PoolLimits {
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize " + maxPoolSize + " is below 1; expected at least 1");
        }
        if (maxWaitQueueSize < 0) {
            throw new IllegalArgumentException("maxWaitQueueSize " + maxWaitQueueSize
                    + " is negative; expected 0 or more (the queue is always bounded)");
        }
    }
}
