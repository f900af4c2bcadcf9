CREATE TABLE `lot_central_status` (
	`lot_id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`kind` text NOT NULL,
	`reason` text,
	`by_name` text,
	`at` text NOT NULL,
	`cursor` text NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `serial_blocks` (
	`block_id` text PRIMARY KEY NOT NULL,
	`item_id` text NOT NULL,
	`first` integer NOT NULL,
	`last` integer NOT NULL,
	`allocated_at` text NOT NULL,
	`request_id` text NOT NULL,
	`received_seq` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `serial_blocks_item` ON `serial_blocks` (`item_id`,`first`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`one` integer PRIMARY KEY DEFAULT 1 NOT NULL,
	`server_url` text,
	`station_id` text,
	`acked_seq` integer DEFAULT 0 NOT NULL,
	`acked_hash` text,
	`master_cursor` text,
	`holds_cursor` text,
	`last_success_at` text,
	`last_error` text,
	`last_error_at` text,
	`halted_reason` text,
	`drift_recorded_ms` real,
	`clock_offset_ms` real,
	`updated_at` text
);
