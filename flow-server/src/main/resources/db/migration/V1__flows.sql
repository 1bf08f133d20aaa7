-- Deployed flows: the flow JSON (DESIGN.md 4.1) is the storage form.
CREATE TABLE flows (
    owner_id   VARCHAR(30)              NOT NULL,
    flow_id    VARCHAR(30)              NOT NULL,
    spec_json  TEXT                     NOT NULL,
    version    INTEGER                  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (owner_id, flow_id)
);
