package org.flowserver.server.flows;

import java.util.Map;
import java.util.Optional;

/** The operational state of flows (DESIGN.md §4.2 disable/enable); no entry means enabled and never changed. */
public interface FlowStateStore {

    Optional<FlowState> find(FlowKey key);

    Map<FlowKey, FlowState> findAll();

    void save(FlowKey key, FlowState state);

    void delete(FlowKey key);
}
