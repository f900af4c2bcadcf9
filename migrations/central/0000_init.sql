CREATE TABLE "boms" (
	"bom_id" text NOT NULL,
	"revision" text NOT NULL,
	"product_item_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "boms_bom_id_revision_pk" PRIMARY KEY("bom_id","revision")
);
--> statement-breakpoint
CREATE TABLE "deviations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rule" text NOT NULL,
	"station_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"event_id" text NOT NULL,
	"lot_id" text,
	"message" text NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_by" text,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "enrollment_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"station_id" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "events" (
	"station_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"id" text NOT NULL,
	"hlc" text NOT NULL,
	"wall_time" text NOT NULL,
	"actor" text,
	"type" text NOT NULL,
	"schema_version" integer NOT NULL,
	"payload" text NOT NULL,
	"reason" text,
	"signature" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_station_id_seq_pk" PRIMARY KEY("station_id","seq")
);
--> statement-breakpoint
CREATE TABLE "feed_horizons" (
	"feed" text PRIMARY KEY NOT NULL,
	"min_cursor" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integrity_alarms" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"station_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"problem" text NOT NULL,
	"held_hash" text,
	"received_hash" text NOT NULL,
	"received_event" text NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "items" (
	"item_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lot_status_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"lot_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"by_user_id" text,
	"by_name" text,
	"station_id" text,
	"event_seq" bigint,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lots" (
	"lot_id" text PRIMARY KEY NOT NULL,
	"item_id" text,
	"station_id" text,
	"quantity" text,
	"uom" text,
	"status" text NOT NULL,
	"blocked_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "master_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "serial_blocks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"station_id" text NOT NULL,
	"item_id" text NOT NULL,
	"first_serial" bigint NOT NULL,
	"last_serial" bigint NOT NULL,
	"request_id" text,
	"allocated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "serial_counters" (
	"item_id" text PRIMARY KEY NOT NULL,
	"next_serial" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "station_credentials" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"station_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "station_sync" (
	"station_id" text PRIMARY KEY NOT NULL,
	"head_seq" bigint DEFAULT 0 NOT NULL,
	"head_hash" text NOT NULL,
	"clock_offset_ms" integer,
	"last_station_time" text,
	"last_push_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "stations" (
	"station_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"area" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suppliers" (
	"supplier_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"user_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"badge" text NOT NULL,
	"roles" jsonb NOT NULL,
	"pin_hash" text NOT NULL,
	"password_hash" text,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"work_order_id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"payload" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enrollment_codes" ADD CONSTRAINT "enrollment_codes_station_id_stations_station_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_credentials" ADD CONSTRAINT "station_credentials_station_id_stations_station_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_sync" ADD CONSTRAINT "station_sync_station_id_stations_station_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deviations_once" ON "deviations" USING btree ("station_id","seq","rule","lot_id");--> statement-breakpoint
CREATE INDEX "deviations_status" ON "deviations" USING btree ("status");--> statement-breakpoint
CREATE INDEX "events_type" ON "events" USING btree ("type");--> statement-breakpoint
CREATE UNIQUE INDEX "integrity_alarms_once" ON "integrity_alarms" USING btree ("station_id","seq","received_hash");--> statement-breakpoint
CREATE INDEX "lot_status_changes_lot" ON "lot_status_changes" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "lots_status" ON "lots" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "serial_blocks_request" ON "serial_blocks" USING btree ("station_id","request_id") WHERE "serial_blocks"."request_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "serial_blocks_item" ON "serial_blocks" USING btree ("item_id","first_serial");--> statement-breakpoint
CREATE UNIQUE INDEX "station_credentials_token" ON "station_credentials" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "users_badge" ON "users" USING btree ("badge");