CREATE TABLE `document_uploads` (
	`sha256` text PRIMARY KEY NOT NULL,
	`path` text NOT NULL,
	`lot_id` text NOT NULL,
	`event_seq` integer NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`retry_at` text,
	`uploaded_at` text
);
--> statement-breakpoint
ALTER TABLE `sync_state` ADD `documents_seq` integer DEFAULT 0 NOT NULL;