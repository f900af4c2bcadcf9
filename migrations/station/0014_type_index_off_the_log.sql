ALTER TABLE `audit_index` ADD `type` text;--> statement-breakpoint
UPDATE `audit_index` SET `type` = (SELECT `e`.`type` FROM `events` `e` WHERE `e`.`seq` = `audit_index`.`seq`);--> statement-breakpoint
CREATE INDEX `audit_index_type` ON `audit_index` (`type`,`seq`);--> statement-breakpoint
DROP INDEX `events_type_seq`;
