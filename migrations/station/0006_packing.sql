CREATE TABLE `defects` (
	`defect_seq` integer PRIMARY KEY NOT NULL,
	`target_id` text NOT NULL,
	`target_kind` text NOT NULL,
	`description` text NOT NULL,
	`suspect_lot_ids` text NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by` text
);
--> statement-breakpoint
CREATE TABLE `produced_lots` (
	`lot_id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`item_id` text NOT NULL,
	`work_order_id` text NOT NULL,
	`line_id` text NOT NULL,
	`mode` text,
	`state` text NOT NULL,
	`quantity` integer DEFAULT 0 NOT NULL,
	`opened_seq` integer NOT NULL,
	`opened_at` text NOT NULL,
	`opened_by` text,
	`closed_seq` integer,
	`closed_at` text,
	`details` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `produced_lots_line_state` ON `produced_lots` (`line_id`,`state`);