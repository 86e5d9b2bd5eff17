CREATE TABLE "indicator_value_history" (
	"indicator_id" uuid NOT NULL,
	"period" text NOT NULL,
	"area" text NOT NULL,
	"value" numeric,
	"status" text NOT NULL,
	"note" text,
	"source" text,
	"source_agency_id" uuid,
	"campaign_id" uuid,
	"entered_by" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer NOT NULL,
	CONSTRAINT "indicator_value_history_pk" PRIMARY KEY("indicator_id","period","area","version"),
	CONSTRAINT "indicator_value_history_status_ck" CHECK ("indicator_value_history"."status" in ('uoc', 'so-bo', 'chinh-thuc'))
);
--> statement-breakpoint
-- Every vintage goes to the history (the current ones too); indicator_values keeps only the current ones.
INSERT INTO "indicator_value_history" ("indicator_id","period","area","value","status","note","source","source_agency_id","campaign_id","entered_by","entered_at","version")
  SELECT "indicator_id","period","area","value","status","note","source","source_agency_id","campaign_id","entered_by","entered_at","version" FROM "indicator_values";--> statement-breakpoint
DELETE FROM "indicator_values" WHERE NOT "current";--> statement-breakpoint
DROP INDEX "indicator_values_current_uq";--> statement-breakpoint
DROP INDEX "indicator_values_version_uq";--> statement-breakpoint
ALTER TABLE "indicator_value_history" ADD CONSTRAINT "indicator_value_history_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_value_history" ADD CONSTRAINT "indicator_value_history_source_agency_id_agencies_id_fk" FOREIGN KEY ("source_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_value_history" ADD CONSTRAINT "indicator_value_history_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_values_key_uq" ON "indicator_values" USING btree ("indicator_id","period","area");--> statement-breakpoint
ALTER TABLE "indicator_values" DROP COLUMN "current";--> statement-breakpoint
-- Room on every page for the next version of its rows: a save then rewrites a row on its own page without touching
-- an index (HOT update).
ALTER TABLE "indicator_values" SET (fillfactor = 80);
