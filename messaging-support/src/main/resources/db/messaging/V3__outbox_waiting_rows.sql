-- The relay's batch query skips a row when an earlier pending row of its key waits (back-off or parked). That check
-- went through outbox_event_pending_key_idx, i.e. every earlier pending row of the key, plus the index entries of rows
-- published since the last vacuum: quadratic in a hot key's backlog (an attainment consumer writes one row per source
-- event for the company unit). Rows wait only after a failed send, so this index is normally empty and the check is
-- one probe of it.
CREATE INDEX outbox_event_waiting_key_idx ON outbox_event (message_key, position)
    WHERE published_at IS NULL AND discarded_at IS NULL AND (next_attempt_at IS NOT NULL OR parked_at IS NOT NULL);
