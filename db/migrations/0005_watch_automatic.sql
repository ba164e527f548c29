ALTER TABLE "watches" ADD COLUMN "automatic" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Until now reading and replying tracked a thread with an ordinary row; those rows are Watchroom's, not chosen.
UPDATE "watches" SET "automatic" = true WHERE "target_type" = 'thread' AND "level" = 'tracking';
