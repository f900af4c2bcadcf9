CREATE TABLE `genealogy_edges` (
	`input_lot_id` text NOT NULL,
	`output_id` text NOT NULL,
	`output_kind` text NOT NULL,
	`work_order_id` text,
	`slot` text,
	`ambiguous` integer DEFAULT false NOT NULL,
	`event_seq` integer NOT NULL,
	PRIMARY KEY(`input_lot_id`, `output_id`)
);
--> statement-breakpoint
CREATE INDEX `genealogy_edges_output` ON `genealogy_edges` (`output_id`);--> statement-breakpoint
CREATE TABLE `lot_receipts` (
	`lot_id` text PRIMARY KEY NOT NULL,
	`entry` text NOT NULL,
	`scan_seq` integer,
	`containers` integer NOT NULL,
	`quantity_per_container` real NOT NULL,
	`coc_kind` text,
	`coc_path` text,
	`labels_printed` integer DEFAULT 0 NOT NULL,
	`decided_seq` integer
);
--> statement-breakpoint
CREATE TABLE `scan_verdicts` (
	`verdict_seq` integer PRIMARY KEY NOT NULL,
	`scan_seq` integer NOT NULL,
	`workflow` text NOT NULL,
	`verdict` text NOT NULL,
	`lot_id` text,
	`work_order_id` text,
	`slot` text,
	`overridable` integer NOT NULL,
	`override_role` text,
	`resolution` text NOT NULL,
	`resolved_seq` integer
);
--> statement-breakpoint
CREATE INDEX `scan_verdicts_scan` ON `scan_verdicts` (`scan_seq`);--> statement-breakpoint
CREATE INDEX `scan_verdicts_lot` ON `scan_verdicts` (`lot_id`);--> statement-breakpoint
CREATE TABLE `smt_runs` (
	`work_order_id` text PRIMARY KEY NOT NULL,
	`line_id` text NOT NULL,
	`bom_id` text NOT NULL,
	`revision` text NOT NULL,
	`state` text NOT NULL,
	`boards` integer DEFAULT 0 NOT NULL,
	`loaded_at` text NOT NULL,
	`started_at` text
);
