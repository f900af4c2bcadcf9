CREATE TABLE "documents" (
	"sha256" text PRIMARY KEY NOT NULL,
	"media_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"first_station_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"bytes" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lot_certificates" (
	"station_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"lot_id" text NOT NULL,
	"sha256" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "lot_certificates_station_id_seq_pk" PRIMARY KEY("station_id","seq")
);
--> statement-breakpoint
CREATE INDEX "lot_certificates_lot" ON "lot_certificates" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "lot_certificates_station_sha" ON "lot_certificates" USING btree ("station_id","sha256");