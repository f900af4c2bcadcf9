CREATE TABLE `audit_index` (
	`seq` integer PRIMARY KEY NOT NULL,
	`actor` text,
	`wall_time` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `audit_index` (`seq`, `actor`, `wall_time`) SELECT `seq`, `actor`, `wall_time` FROM `events` ORDER BY `seq`;--> statement-breakpoint
CREATE INDEX `audit_index_actor` ON `audit_index` (`actor`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_index_time` ON `audit_index` (`wall_time`);--> statement-breakpoint
DROP INDEX `events_actor_seq`;--> statement-breakpoint
DROP INDEX `events_wall_time`;
