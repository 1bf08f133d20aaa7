package org.flowserver.server.flows;

/**
 * The outcome of a deploy.
 *
 * @param created  whether the flow is new (otherwise it replaced the deployed one)
 * @param flow     the deployed flow
 */
public record DeployResult(boolean created, FlowView flow) {
}
