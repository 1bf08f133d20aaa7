-- Operational state of deployed flows: disabled (with why, who, when) or enabled. A row exists once a flow has
-- been disabled or enabled; no row means enabled. It outlives redeploys and goes with an undeploy.
CREATE TABLE flow_states (
    owner_id   VARCHAR(30)              NOT NULL,
    flow_id    VARCHAR(30)              NOT NULL,
    disabled   BOOLEAN                  NOT NULL,
    reason     TEXT,
    changed_by VARCHAR(200)             NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (owner_id, flow_id)
);
