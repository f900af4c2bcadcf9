-- A certificate a lot was received on is an audit record: once central holds its bytes, the
-- database itself refuses to change or remove them (lotline_append_only is 0001's).
CREATE TRIGGER documents_append_only BEFORE UPDATE OR DELETE ON documents FOR EACH ROW EXECUTE FUNCTION lotline_append_only();
--> statement-breakpoint
CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON documents FOR EACH STATEMENT EXECUTE FUNCTION lotline_append_only();
--> statement-breakpoint
-- Receiving records pushed before this server knew certificates name their documents too:
-- the same rule as the push path (shared/documents/coc-file.ts STORED_COC_PATH), so their
-- stations may upload them and the board can serve them.
INSERT INTO lot_certificates (station_id, seq, lot_id, sha256, name)
SELECT station_id, seq, payload::jsonb ->> 'lotId',
       substring(payload::jsonb -> 'coc' ->> 'path' FROM '^documents/([0-9a-f]{64})/'),
       substring(payload::jsonb -> 'coc' ->> 'path' FROM '^documents/[0-9a-f]{64}/(.*)$')
FROM events
WHERE type = 'receiving.recorded'
  AND payload::jsonb -> 'coc' ->> 'path' ~ '^documents/[0-9a-f]{64}/[A-Za-z0-9_-][A-Za-z0-9._ -]{0,109}$'
ON CONFLICT DO NOTHING;
