-- The replicated event logs, the holds feed and the deviations queue's origin are audit
-- records: the database itself refuses to change or remove their rows.
CREATE FUNCTION lotline_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION lotline_append_only();
--> statement-breakpoint
CREATE TRIGGER lot_status_changes_append_only BEFORE UPDATE OR DELETE ON lot_status_changes FOR EACH ROW EXECUTE FUNCTION lotline_append_only();
--> statement-breakpoint
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION lotline_append_only();
