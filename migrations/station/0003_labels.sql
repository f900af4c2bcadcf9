CREATE TABLE `label_policy` (
	`one` integer PRIMARY KEY DEFAULT 1 NOT NULL,
	`verify_mode` text NOT NULL,
	`reprint_needs_signature` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `labels` (
	`label_id` text PRIMARY KEY NOT NULL,
	`template_id` text NOT NULL,
	`lot_id` text,
	`job_id` text NOT NULL,
	`barcodes` text NOT NULL,
	`state` text NOT NULL,
	`printed` integer DEFAULT false NOT NULL,
	`verified` integer DEFAULT false NOT NULL,
	`applied` integer DEFAULT false NOT NULL,
	`reprint_of` text,
	`needs_verification` integer NOT NULL,
	`issued_seq` integer NOT NULL,
	`issued_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `labels_lot` ON `labels` (`lot_id`);--> statement-breakpoint
CREATE INDEX `labels_job` ON `labels` (`job_id`);