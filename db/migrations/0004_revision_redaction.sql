ALTER TABLE "post_revisions" ADD COLUMN "redacted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "post_revisions" ADD COLUMN "redacted_by_id" uuid;--> statement-breakpoint
ALTER TABLE "post_revisions" ADD COLUMN "redacted_reason" text;--> statement-breakpoint
ALTER TABLE "post_revisions" ADD CONSTRAINT "post_revisions_redacted_by_id_users_id_fk" FOREIGN KEY ("redacted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;