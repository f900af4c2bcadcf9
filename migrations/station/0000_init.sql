CREATE TABLE `bom_lines` (
	`bom_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`item_id` text NOT NULL,
	`qty_per` real NOT NULL,
	`slot` text,
	`alternates` text DEFAULT '[]' NOT NULL,
	PRIMARY KEY(`bom_id`, `line_no`)
);
--> statement-breakpoint
CREATE TABLE `boms` (
	`bom_id` text PRIMARY KEY NOT NULL,
	`product_item_id` text NOT NULL,
	`revision` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`station_id` text NOT NULL,
	`hlc` text NOT NULL,
	`wall_time` text NOT NULL,
	`actor` text,
	`type` text NOT NULL,
	`schema_version` integer NOT NULL,
	`payload` text NOT NULL,
	`reason` text,
	`signature` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_id_unique` ON `events` (`id`);--> statement-breakpoint
CREATE INDEX `events_type_seq` ON `events` (`type`,`seq`);--> statement-breakpoint
CREATE INDEX `events_actor_seq` ON `events` (`actor`,`seq`);--> statement-breakpoint
CREATE INDEX `events_wall_time` ON `events` (`wall_time`);--> statement-breakpoint
CREATE TABLE `item_part_mappings` (
	`kind` text NOT NULL,
	`owner` text NOT NULL,
	`part` text NOT NULL,
	`item_id` text NOT NULL,
	PRIMARY KEY(`kind`, `owner`, `part`)
);
--> statement-breakpoint
CREATE INDEX `item_part_mappings_item` ON `item_part_mappings` (`item_id`);--> statement-breakpoint
CREATE TABLE `items` (
	`item_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`uom` text NOT NULL,
	`gtin` text,
	`msl` text,
	`shelf_life_days` integer
);
--> statement-breakpoint
CREATE TABLE `lots` (
	`lot_id` text PRIMARY KEY NOT NULL,
	`item_id` text NOT NULL,
	`supplier_id` text,
	`supplier_lot` text,
	`quantity` real NOT NULL,
	`uom` text NOT NULL,
	`status` text NOT NULL,
	`expiry` text,
	`date_code` text,
	`msl` text,
	`received_at` text NOT NULL,
	`received_seq` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `lots_item_status` ON `lots` (`item_id`,`status`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`login_event_id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`started_at` text NOT NULL,
	`ended_at` text,
	`end_cause` text
);
--> statement-breakpoint
CREATE INDEX `sessions_open` ON `sessions` (`ended_at`);--> statement-breakpoint
CREATE TABLE `station` (
	`one` integer PRIMARY KEY DEFAULT 1 NOT NULL,
	`station_id` text NOT NULL,
	`name` text,
	`type` text,
	`area` text DEFAULT '' NOT NULL,
	`idle_lock_minutes` integer DEFAULT 15 NOT NULL,
	`demo` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stations` (
	`station_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`area` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `suppliers` (
	`supplier_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`user_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`badge` text NOT NULL,
	`roles` text NOT NULL,
	`pin_hash` text NOT NULL,
	`active` integer NOT NULL,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`last_login_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_badge_unique` ON `users` (`badge`);--> statement-breakpoint
CREATE TABLE `work_orders` (
	`work_order_id` text PRIMARY KEY NOT NULL,
	`product_item_id` text NOT NULL,
	`bom_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`station_type` text NOT NULL,
	`status` text NOT NULL,
	`due_date` text
);
