package org.flowserver.processors.rest;

/**
 * A flow endpoint's consumer, as an undeploy drains it: it stops taking requests (new ones get the flow's 404
 * problem), says how many it accepted and has not answered yet, and takes requests again if the undeploy fails.
 */
public interface DrainableConsumer {

    /** New requests get the 404 problem a flow that is gone answers with. */
    void stopAccepting();

    /** Requests are taken again (the undeploy failed and the flow stays). */
    void acceptAgain();

    /** Requests accepted whose answer is not sent yet. */
    int pendingRequests();
}
