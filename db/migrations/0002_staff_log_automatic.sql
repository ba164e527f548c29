ALTER TABLE "staff_actions" ALTER COLUMN "actor_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_actions" ADD COLUMN "automatic" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_actions" ADD CONSTRAINT "staff_actions_actor_or_automatic" CHECK (("staff_actions"."actor_id" is null) = "staff_actions"."automatic");