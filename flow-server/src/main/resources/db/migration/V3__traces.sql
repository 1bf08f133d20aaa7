-- Message traces (docs/traces.md): one row per message, replaced as newer snapshots of it arrive. The delivery
-- attempts with their processor steps (and archived payloads) are one JSON document: a trace is written and read
-- whole, steps are never queried on their own, and one row per message keeps a trace write to one statement.
CREATE TABLE message_traces (
    message_id           VARCHAR(128)             NOT NULL,
    correlation_id       VARCHAR(128)             NOT NULL,
    original_message_id  VARCHAR(128),
    owner_id             VARCHAR(30)              NOT NULL,
    flow_id              VARCHAR(30)              NOT NULL,
    flow_name            TEXT                     NOT NULL,
    origin               VARCHAR(64)              NOT NULL,
    -- IN_FLIGHT, COMPLETED, FAILED or REJECTED
    state                VARCHAR(16)              NOT NULL,
    start_time           TIMESTAMP WITH TIME ZONE NOT NULL,
    end_time             TIMESTAMP WITH TIME ZONE,
    processing_micros    BIGINT,
    message_size         BIGINT                   NOT NULL,
    principal            TEXT,
    -- comma-separated: preprocessing, processing
    error_categories     VARCHAR(200),
    -- {"category", "type", "message", "processorId"}
    error                TEXT,
    -- [{"number", "start", "steps": [{"processorId", "processorType", "start", "durationMicros", "outcome",
    --   "payloadBefore", "payloadAfter", "properties"}]}]
    attempts             TEXT                     NOT NULL,
    PRIMARY KEY (message_id)
);

-- Newest first with keyset paging (start_time, message_id), overall and within one flow or one state; the
-- start_time order also serves time ranges, statistics and pruning.
CREATE INDEX message_traces_start ON message_traces (start_time DESC, message_id DESC);
CREATE INDEX message_traces_flow ON message_traces (owner_id, flow_id, start_time DESC, message_id DESC);
CREATE INDEX message_traces_state ON message_traces (state, start_time DESC, message_id DESC);
CREATE INDEX message_traces_correlation ON message_traces (correlation_id);
