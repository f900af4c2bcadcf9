-- The event log is the audit trail: the database itself refuses to change or remove a row,
-- so no code path (or a careless tool) can rewrite history.
CREATE TRIGGER `events_no_update` BEFORE UPDATE ON `events`
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `events_no_delete` BEFORE DELETE ON `events`
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: DELETE refused');
END;
