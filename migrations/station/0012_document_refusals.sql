ALTER TABLE `document_uploads` ADD `parked_at` text;--> statement-breakpoint
ALTER TABLE `document_uploads` ADD `refused_by` text;