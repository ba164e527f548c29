ALTER TYPE "public"."watch_level" ADD VALUE 'normal';--> statement-breakpoint
-- Reading a thread now tracks it (its new replies are counted for you) unless you chose a level for it or for its
-- channel (watching, tracking and muted channels govern their threads). The threads people have already read keep
-- their new-reply counts. ('normal' is not used here: a value added by ALTER TYPE is usable only after commit.)
INSERT INTO "watches" ("user_id", "target_type", "target_id", "level")
SELECT r."user_id", 'thread', r."thread_id", 'tracking'
FROM "thread_reads" r
JOIN "threads" t ON t."id" = r."thread_id"
WHERE NOT EXISTS (
    SELECT 1 FROM "watches" c
    WHERE c."user_id" = r."user_id" AND c."target_type" = 'channel' AND c."target_id" = t."channel_id"
  )
ON CONFLICT DO NOTHING;
