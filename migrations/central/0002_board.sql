CREATE TABLE "board_andon" (
	"call_id" text PRIMARY KEY NOT NULL,
	"station_id" text NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"raised_at" timestamp with time zone NOT NULL,
	"raised_seq" bigint NOT NULL,
	"raised_by" text,
	"acked_at" timestamp with time zone,
	"acked_by" text,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"close_note" text
);
--> statement-breakpoint
CREATE TABLE "board_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"subject" text NOT NULL,
	"user_id" text NOT NULL,
	"user_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text,
	"payload" jsonb NOT NULL,
	"signature" jsonb
);
--> statement-breakpoint
CREATE TABLE "board_cursors" (
	"name" text PRIMARY KEY NOT NULL,
	"value" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "board_exceptions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"source_key" text NOT NULL,
	"station_id" text NOT NULL,
	"lot_id" text,
	"title" text NOT NULL,
	"detail" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"assigned_to" text,
	"assigned_name" text,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" jsonb
);
--> statement-breakpoint
CREATE TABLE "board_facts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"station_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"work_order_id" text,
	"code" text,
	"reason" text,
	"unit" text,
	"n" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "board_lots" (
	"lot_id" text PRIMARY KEY NOT NULL,
	"item_id" text,
	"station_id" text,
	"expiry" text,
	"msl" text,
	"msl_events" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"paste_events" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "board_stations" (
	"station_id" text PRIMARY KEY NOT NULL,
	"projected_seq" bigint DEFAULT 0 NOT NULL,
	"tile" jsonb NOT NULL,
	"outbox" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "board_andon_open" ON "board_andon" USING btree ("closed_at");--> statement-breakpoint
CREATE INDEX "board_audit_subject" ON "board_audit" USING btree ("subject");--> statement-breakpoint
CREATE UNIQUE INDEX "board_exceptions_source" ON "board_exceptions" USING btree ("source_key");--> statement-breakpoint
CREATE INDEX "board_exceptions_status" ON "board_exceptions" USING btree ("status","raised_at");--> statement-breakpoint
CREATE INDEX "board_facts_kind_at" ON "board_facts" USING btree ("kind","at");--> statement-breakpoint
CREATE INDEX "board_facts_station_at" ON "board_facts" USING btree ("station_id","at");--> statement-breakpoint
-- Central acts of the supervisor views are audit records: the database refuses to change or remove them.
CREATE TRIGGER board_audit_append_only BEFORE UPDATE OR DELETE ON board_audit FOR EACH ROW EXECUTE FUNCTION lotline_append_only();
