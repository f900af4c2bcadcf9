CREATE TABLE `serials` (
	`serial` text PRIMARY KEY NOT NULL,
	`item_id` text NOT NULL,
	`number` integer NOT NULL,
	`block_id` text NOT NULL,
	`finished_lot_id` text NOT NULL,
	`assigned_seq` integer NOT NULL,
	`assigned_at` text NOT NULL,
	`assigned_by` text,
	`box_no` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `serials_item_number` ON `serials` (`item_id`,`number`);--> statement-breakpoint
CREATE INDEX `serials_lot` ON `serials` (`finished_lot_id`,`number`);--> statement-breakpoint
ALTER TABLE `items` ADD `serialized` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `items` ADD `serial_prefix` text;