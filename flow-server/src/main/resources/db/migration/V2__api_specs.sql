-- Uploaded OpenAPI specs (DESIGN.md 4.2): every upload is a new, immutable revision, kept as it was sent.
CREATE TABLE api_specs (
    owner_id         VARCHAR(30)              NOT NULL,
    resource_id      VARCHAR(30)              NOT NULL,
    revision         INTEGER                  NOT NULL,
    document         TEXT                     NOT NULL,
    media_type       VARCHAR(40)              NOT NULL,
    openapi_version  VARCHAR(20)              NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (owner_id, resource_id, revision)
);

-- The revision a flow's apiSpecId resolved to when it was deployed, so that a restart keeps it there even
-- after newer uploads; empty for a generic restApi source.
ALTER TABLE flows ADD COLUMN api_spec_revision INTEGER;
