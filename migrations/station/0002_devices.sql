CREATE TABLE `device_print_jobs` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`printer` text NOT NULL,
	`zpl` text NOT NULL,
	`state` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`note` text,
	`reprint_of` text,
	`decided_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `device_print_jobs_id_unique` ON `device_print_jobs` (`id`);--> statement-breakpoint
CREATE INDEX `device_print_jobs_state` ON `device_print_jobs` (`state`,`seq`);--> statement-breakpoint
CREATE TABLE `station_devices` (
	`role` text PRIMARY KEY NOT NULL,
	`uri` text NOT NULL,
	`configured_at` text NOT NULL
);
