CREATE TABLE "agencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"parent_id" uuid,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agencies_valid_range" CHECK ("agencies"."valid_to" is null or "agencies"."valid_from" is null or "agencies"."valid_to" > "agencies"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "agency_group_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"valid_from" date,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "agency_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"search_text" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agency_names" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"abbreviation" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"search_text" text NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agency_successions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"predecessor_id" uuid NOT NULL,
	"successor_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"effective_date" date NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_successions_not_self" CHECK ("agency_successions"."predecessor_id" <> "agency_successions"."successor_id")
);
--> statement-breakpoint
CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"full_name" text NOT NULL,
	"email" text,
	"agency_id" uuid NOT NULL,
	"roles" text[] NOT NULL,
	"password_hash" text NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"disabled_at" timestamp with time zone,
	"password_changed_at" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text,
	"actor_agency_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"summary" text,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
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
	"current" boolean DEFAULT true NOT NULL,
	CONSTRAINT "indicator_values_status_ck" CHECK ("indicator_values"."status" in ('uoc', 'so-bo', 'chinh-thuc'))
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"direction" text NOT NULL,
	"aggregation" text NOT NULL,
	"decimals" integer NOT NULL,
	"definition" text,
	"source_agency_id" uuid,
	"expression" text,
	"owner_agency_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appendices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"code" text NOT NULL,
	"sort_order" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"subtitle" text,
	"config" jsonb NOT NULL,
	"reporters" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appendix_rows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"appendix_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"parent_id" uuid,
	"sort_order" integer NOT NULL,
	"tt" text,
	"name" text NOT NULL,
	"indicator_id" uuid,
	"unit" text,
	"target" text,
	"aggregation" text,
	"direction" text,
	"decimals" integer,
	"lead" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"open_for_agencies" boolean DEFAULT false NOT NULL,
	"emphasis" text,
	"note" text,
	"added_by_agency_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"code" text NOT NULL,
	"sort_order" integer NOT NULL,
	"from" jsonb NOT NULL,
	"to" text NOT NULL,
	"deliverable" text NOT NULL,
	"due" date NOT NULL,
	"wording" text NOT NULL,
	"scope" jsonb NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"coordinator_agency_id" uuid NOT NULL,
	"coordinator_name" text NOT NULL,
	"reference_date" date NOT NULL,
	"periods" jsonb NOT NULL,
	"areas" jsonb NOT NULL,
	"legal_basis" jsonb NOT NULL,
	"report" jsonb NOT NULL,
	"requirements" jsonb NOT NULL,
	"format_version" integer DEFAULT 1 NOT NULL,
	"copied_from_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outline_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"parent_id" uuid,
	"sort_order" integer NOT NULL,
	"label" text NOT NULL,
	"title" text NOT NULL,
	"guidance" text,
	"lead" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cooperate" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"page_budget" numeric,
	"appendix_codes" text[] DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_rows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"appendix_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"sort_order" integer NOT NULL,
	"agency_id" uuid NOT NULL,
	"values" jsonb NOT NULL,
	"prefilled" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appendix_cell_texts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"row_id" uuid NOT NULL,
	"column_key" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"text" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assignment_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"outline_item_id" uuid,
	"appendix_id" uuid,
	"role" text NOT NULL,
	"role_order" integer DEFAULT 0 NOT NULL,
	"milestone_id" uuid,
	"due_date" date,
	"due_override" date,
	"extension_reason" text,
	"state" text DEFAULT 'draft' NOT NULL,
	"declaration" text,
	"declaration_reason" text,
	"state_reason" text,
	"state_changed_at" timestamp with time zone,
	"state_changed_by" uuid,
	"sent_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assignments_state_ck" CHECK ("assignments"."state" in ('draft', 'submitted', 'sent', 'returned', 'accepted')),
	CONSTRAINT "assignments_target_ck" CHECK (("assignments"."outline_item_id" is null) <> ("assignments"."appendix_id" is null))
);
--> statement-breakpoint
CREATE TABLE "section_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"section_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"word_count" integer NOT NULL,
	"author_user_id" uuid,
	"origin" text DEFAULT 'save' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"outline_item_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"assignment_id" uuid,
	"html" text DEFAULT '' NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"word_count" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"campaign_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "indicator_change_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"campaign_id" uuid,
	"field" text NOT NULL,
	"current_value" jsonb,
	"proposed_value" jsonb,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	CONSTRAINT "indicator_change_proposals_status_ck" CHECK ("indicator_change_proposals"."status" in ('pending', 'accepted', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "compile_drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"scope_key" text NOT NULL,
	"scope_item_id" uuid,
	"scope_agency_id" uuid,
	"mode" text NOT NULL,
	"number" integer NOT NULL,
	"label" text NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"docx" "bytea" NOT NULL,
	"xlsx" "bytea",
	"pdf" "bytea",
	"pdf_error" text,
	"body_pages" integer,
	"total_pages" integer,
	"page_limit" integer,
	"word_count" integer DEFAULT 0 NOT NULL,
	"page_stats" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"checks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"missing" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"snapshot" jsonb NOT NULL,
	CONSTRAINT "compile_drafts_mode_ck" CHECK ("compile_drafts"."mode" in ('draft', 'final')),
	CONSTRAINT "compile_drafts_scope_ck" CHECK ("compile_drafts"."scope" in ('whole', 'part', 'agency'))
);
--> statement-breakpoint
CREATE TABLE "report_figures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"outline_item_id" uuid,
	"caption" text NOT NULL,
	"image_png" "bytea" NOT NULL,
	"width_px" integer NOT NULL,
	"height_px" integer NOT NULL,
	"sort_order" integer NOT NULL,
	"chart_key" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_figures_size_ck" CHECK ("report_figures"."width_px" > 0 and "report_figures"."height_px" > 0)
);
--> statement-breakpoint
CREATE TABLE "chase_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"milestone_id" uuid,
	"number" integer NOT NULL,
	"symbol" text NOT NULL,
	"year" integer NOT NULL,
	"issued_on" date NOT NULL,
	"summary" text NOT NULL,
	"new_deadline" date NOT NULL,
	"agency_ids" uuid[] NOT NULL,
	"content" jsonb NOT NULL,
	"applied_extension" boolean DEFAULT false NOT NULL,
	"docx" "bytea" NOT NULL,
	"issued_by" uuid,
	"issued_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "holiday_days" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"note" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "holiday_days_kind_ck" CHECK ("holiday_days"."kind" in ('off', 'work'))
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dedupe_key" text NOT NULL,
	"message_id" text NOT NULL,
	"kind" text NOT NULL,
	"campaign_id" uuid,
	"to_address" text NOT NULL,
	"to_name" text,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"transport" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 8 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"last_attempt_at" timestamp with time zone,
	"last_error" text,
	"smtp_response" text,
	"raw" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_outbox_status_ck" CHECK ("mail_outbox"."status" in ('pending', 'sending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "reminder_occurrences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"milestone_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"step" text NOT NULL,
	"step_date" date NOT NULL,
	"recipient_key" text NOT NULL,
	"recipient_user_id" uuid,
	"level" text NOT NULL,
	"items" jsonb NOT NULL,
	"mail_id" uuid,
	"instance" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_occurrences_level_ck" CHECK ("reminder_occurrences"."level" in ('officer', 'leader', 'letter'))
);
--> statement-breakpoint
CREATE TABLE "reminder_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"milestone_id" uuid,
	"rules" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comment_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"step" text NOT NULL,
	"recipient_user_id" uuid NOT NULL,
	"pending" integer NOT NULL,
	"mail_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comment_reviewers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"agency_id" uuid,
	"external_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comment_reviewers_who_ck" CHECK (("comment_reviewers"."agency_id" is null) <> ("comment_reviewers"."external_name" is null))
);
--> statement-breakpoint
CREATE TABLE "comment_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"draft_id" uuid NOT NULL,
	"title" text NOT NULL,
	"deadline" date NOT NULL,
	"answer_deadline" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "comment_rounds_status_ck" CHECK ("comment_rounds"."status" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"anchor_kind" text NOT NULL,
	"outline_item_id" uuid,
	"paragraph_index" integer,
	"paragraph_key" text,
	"appendix_code" text,
	"row_id" uuid,
	"column_key" text,
	"location" text NOT NULL,
	"quote" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"routed_agency_id" uuid NOT NULL,
	"route_source" text DEFAULT 'auto' NOT NULL,
	"answer_kind" text,
	"answer_text" text,
	"answer_source" text,
	"answered_by" uuid,
	"answered_by_name" text,
	"answered_at" timestamp with time zone,
	"agency_answer_kind" text,
	"agency_answer_text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "comments_anchor_ck" CHECK ("comments"."anchor_kind" in ('section', 'paragraph', 'cell')),
	CONSTRAINT "comments_answer_ck" CHECK ("comments"."answer_kind" is null or "comments"."answer_kind" in ('tiep-thu', 'giai-trinh', 'khong-tiep-thu')),
	CONSTRAINT "comments_route_ck" CHECK ("comments"."route_source" in ('auto', 'coordinator'))
);
--> statement-breakpoint
CREATE TABLE "action_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"title" text NOT NULL,
	"report_frequency" text DEFAULT 'quarter' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_programmes_frequency_ck" CHECK ("action_programmes"."report_frequency" in ('month', 'quarter', 'half-year', 'year'))
);
--> statement-breakpoint
CREATE TABLE "action_task_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"due" date NOT NULL,
	"step" text NOT NULL,
	"recipient_user_id" uuid NOT NULL,
	"mail_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_task_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"period_label" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"progress" text NOT NULL,
	"percent" integer,
	"content" text NOT NULL,
	"reported_by" uuid,
	"reported_by_name" text NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_task_reports_progress_ck" CHECK ("action_task_reports"."progress" in ('not-started', 'in-progress', 'done'))
);
--> statement-breakpoint
CREATE TABLE "action_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"sort_order" integer NOT NULL,
	"tt" text DEFAULT '' NOT NULL,
	"title" text NOT NULL,
	"kind" text DEFAULT 'nhiem-vu' NOT NULL,
	"outline_item_id" uuid,
	"lead_agency_id" uuid NOT NULL,
	"cooperate_agency_ids" uuid[] DEFAULT '{}' NOT NULL,
	"product" text DEFAULT '' NOT NULL,
	"deadline_kind" text,
	"deadline_text" text,
	"deadline_due" date,
	"progress" text DEFAULT 'not-started' NOT NULL,
	"completed_on" date,
	"indicator_codes" text[] DEFAULT '{}' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "action_tasks_progress_ck" CHECK ("action_tasks"."progress" in ('not-started', 'in-progress', 'done')),
	CONSTRAINT "action_tasks_kind_ck" CHECK ("action_tasks"."kind" in ('nhiem-vu', 'giai-phap'))
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_parent_id_agencies_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_group_members" ADD CONSTRAINT "agency_group_members_group_id_agency_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."agency_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_group_members" ADD CONSTRAINT "agency_group_members_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_names" ADD CONSTRAINT "agency_names_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_successions" ADD CONSTRAINT "agency_successions_predecessor_id_agencies_id_fk" FOREIGN KEY ("predecessor_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_successions" ADD CONSTRAINT "agency_successions_successor_id_agencies_id_fk" FOREIGN KEY ("successor_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_source_agency_id_agencies_id_fk" FOREIGN KEY ("source_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_source_agency_id_agencies_id_fk" FOREIGN KEY ("source_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appendices" ADD CONSTRAINT "appendices_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appendix_rows" ADD CONSTRAINT "appendix_rows_appendix_id_appendices_id_fk" FOREIGN KEY ("appendix_id") REFERENCES "public"."appendices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appendix_rows" ADD CONSTRAINT "appendix_rows_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appendix_rows" ADD CONSTRAINT "appendix_rows_parent_id_appendix_rows_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."appendix_rows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appendix_rows" ADD CONSTRAINT "appendix_rows_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appendix_rows" ADD CONSTRAINT "appendix_rows_added_by_agency_id_agencies_id_fk" FOREIGN KEY ("added_by_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_milestones" ADD CONSTRAINT "campaign_milestones_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_coordinator_agency_id_agencies_id_fk" FOREIGN KEY ("coordinator_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_copied_from_id_campaigns_id_fk" FOREIGN KEY ("copied_from_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outline_items" ADD CONSTRAINT "outline_items_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outline_items" ADD CONSTRAINT "outline_items_parent_id_outline_items_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."outline_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_rows" ADD CONSTRAINT "record_rows_appendix_id_appendices_id_fk" FOREIGN KEY ("appendix_id") REFERENCES "public"."appendices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_rows" ADD CONSTRAINT "record_rows_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_rows" ADD CONSTRAINT "record_rows_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_rows" ADD CONSTRAINT "record_rows_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_rows" ADD CONSTRAINT "record_rows_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appendix_cell_texts" ADD CONSTRAINT "appendix_cell_texts_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appendix_cell_texts" ADD CONSTRAINT "appendix_cell_texts_row_id_appendix_rows_id_fk" FOREIGN KEY ("row_id") REFERENCES "public"."appendix_rows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appendix_cell_texts" ADD CONSTRAINT "appendix_cell_texts_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appendix_cell_texts" ADD CONSTRAINT "appendix_cell_texts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_events" ADD CONSTRAINT "assignment_events_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_events" ADD CONSTRAINT "assignment_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_outline_item_id_outline_items_id_fk" FOREIGN KEY ("outline_item_id") REFERENCES "public"."outline_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_appendix_id_appendices_id_fk" FOREIGN KEY ("appendix_id") REFERENCES "public"."appendices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_milestone_id_campaign_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."campaign_milestones"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_state_changed_by_users_id_fk" FOREIGN KEY ("state_changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_versions" ADD CONSTRAINT "section_versions_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_versions" ADD CONSTRAINT "section_versions_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_outline_item_id_outline_items_id_fk" FOREIGN KEY ("outline_item_id") REFERENCES "public"."outline_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_change_proposals" ADD CONSTRAINT "indicator_change_proposals_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_change_proposals" ADD CONSTRAINT "indicator_change_proposals_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_change_proposals" ADD CONSTRAINT "indicator_change_proposals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compile_drafts" ADD CONSTRAINT "compile_drafts_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compile_drafts" ADD CONSTRAINT "compile_drafts_scope_item_id_outline_items_id_fk" FOREIGN KEY ("scope_item_id") REFERENCES "public"."outline_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compile_drafts" ADD CONSTRAINT "compile_drafts_scope_agency_id_agencies_id_fk" FOREIGN KEY ("scope_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compile_drafts" ADD CONSTRAINT "compile_drafts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_figures" ADD CONSTRAINT "report_figures_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_figures" ADD CONSTRAINT "report_figures_outline_item_id_outline_items_id_fk" FOREIGN KEY ("outline_item_id") REFERENCES "public"."outline_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_figures" ADD CONSTRAINT "report_figures_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chase_letters" ADD CONSTRAINT "chase_letters_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chase_letters" ADD CONSTRAINT "chase_letters_milestone_id_campaign_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."campaign_milestones"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chase_letters" ADD CONSTRAINT "chase_letters_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holiday_days" ADD CONSTRAINT "holiday_days_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_occurrences" ADD CONSTRAINT "reminder_occurrences_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_occurrences" ADD CONSTRAINT "reminder_occurrences_milestone_id_campaign_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."campaign_milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_occurrences" ADD CONSTRAINT "reminder_occurrences_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_occurrences" ADD CONSTRAINT "reminder_occurrences_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_schedules" ADD CONSTRAINT "reminder_schedules_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_schedules" ADD CONSTRAINT "reminder_schedules_milestone_id_campaign_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."campaign_milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_schedules" ADD CONSTRAINT "reminder_schedules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_reminders" ADD CONSTRAINT "comment_reminders_round_id_comment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."comment_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_reminders" ADD CONSTRAINT "comment_reminders_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_reminders" ADD CONSTRAINT "comment_reminders_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_reviewers" ADD CONSTRAINT "comment_reviewers_round_id_comment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."comment_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_reviewers" ADD CONSTRAINT "comment_reviewers_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_rounds" ADD CONSTRAINT "comment_rounds_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_rounds" ADD CONSTRAINT "comment_rounds_draft_id_compile_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."compile_drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_rounds" ADD CONSTRAINT "comment_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_round_id_comment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."comment_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_reviewer_id_comment_reviewers_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."comment_reviewers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_routed_agency_id_agencies_id_fk" FOREIGN KEY ("routed_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_programmes" ADD CONSTRAINT "action_programmes_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_programmes" ADD CONSTRAINT "action_programmes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_task_reminders" ADD CONSTRAINT "action_task_reminders_task_id_action_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."action_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_task_reminders" ADD CONSTRAINT "action_task_reminders_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_task_reminders" ADD CONSTRAINT "action_task_reminders_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_task_reports" ADD CONSTRAINT "action_task_reports_task_id_action_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."action_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_task_reports" ADD CONSTRAINT "action_task_reports_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_task_reports" ADD CONSTRAINT "action_task_reports_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_tasks" ADD CONSTRAINT "action_tasks_programme_id_action_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."action_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_tasks" ADD CONSTRAINT "action_tasks_outline_item_id_outline_items_id_fk" FOREIGN KEY ("outline_item_id") REFERENCES "public"."outline_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_tasks" ADD CONSTRAINT "action_tasks_lead_agency_id_agencies_id_fk" FOREIGN KEY ("lead_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agencies_code_uq" ON "agencies" USING btree ("code");--> statement-breakpoint
CREATE INDEX "agencies_parent_idx" ON "agencies" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "agency_group_members_group_idx" ON "agency_group_members" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "agency_group_members_agency_idx" ON "agency_group_members" USING btree ("agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agency_groups_code_uq" ON "agency_groups" USING btree ("code");--> statement-breakpoint
CREATE INDEX "agency_names_agency_idx" ON "agency_names" USING btree ("agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agency_successions_uq" ON "agency_successions" USING btree ("predecessor_id","successor_id");--> statement-breakpoint
CREATE INDEX "login_failures_key_at_idx" ON "login_failures" USING btree ("key","at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_uq" ON "users" USING btree ("username");--> statement-breakpoint
CREATE INDEX "users_agency_idx" ON "users" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_values_current_uq" ON "indicator_values" USING btree ("indicator_id","period","area") WHERE "indicator_values"."current";--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_values_version_uq" ON "indicator_values" USING btree ("indicator_id","period","area","version");--> statement-breakpoint
CREATE INDEX "indicator_values_campaign_idx" ON "indicator_values" USING btree ("campaign_id");--> statement-breakpoint
CREATE UNIQUE INDEX "indicators_code_uq" ON "indicators" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "appendices_code_uq" ON "appendices" USING btree ("campaign_id","code");--> statement-breakpoint
CREATE INDEX "appendix_rows_appendix_idx" ON "appendix_rows" USING btree ("appendix_id","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_milestones_code_uq" ON "campaign_milestones" USING btree ("campaign_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_code_uq" ON "campaigns" USING btree ("code");--> statement-breakpoint
CREATE INDEX "outline_items_campaign_idx" ON "outline_items" USING btree ("campaign_id","sort_order");--> statement-breakpoint
CREATE INDEX "record_rows_appendix_idx" ON "record_rows" USING btree ("appendix_id","agency_id","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "appendix_cell_texts_uq" ON "appendix_cell_texts" USING btree ("row_id","column_key","agency_id");--> statement-breakpoint
CREATE INDEX "assignment_events_assignment_idx" ON "assignment_events" USING btree ("assignment_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_outline_uq" ON "assignments" USING btree ("campaign_id","agency_id","outline_item_id") WHERE "assignments"."outline_item_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_appendix_uq" ON "assignments" USING btree ("campaign_id","agency_id","appendix_id") WHERE "assignments"."appendix_id" is not null;--> statement-breakpoint
CREATE INDEX "assignments_agency_idx" ON "assignments" USING btree ("agency_id","campaign_id");--> statement-breakpoint
CREATE INDEX "assignments_campaign_idx" ON "assignments" USING btree ("campaign_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "section_versions_uq" ON "section_versions" USING btree ("section_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "sections_item_agency_uq" ON "sections" USING btree ("outline_item_id","agency_id");--> statement-breakpoint
CREATE INDEX "sections_campaign_idx" ON "sections" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_campaign_idx" ON "notifications" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "indicator_change_proposals_indicator_idx" ON "indicator_change_proposals" USING btree ("indicator_id","status");--> statement-breakpoint
CREATE INDEX "indicator_change_proposals_campaign_idx" ON "indicator_change_proposals" USING btree ("campaign_id");--> statement-breakpoint
CREATE UNIQUE INDEX "compile_drafts_number_uq" ON "compile_drafts" USING btree ("campaign_id","scope_key","mode","number");--> statement-breakpoint
CREATE INDEX "compile_drafts_campaign_idx" ON "compile_drafts" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE INDEX "report_figures_campaign_idx" ON "report_figures" USING btree ("campaign_id","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "chase_letters_number_uq" ON "chase_letters" USING btree ("symbol","year","number");--> statement-breakpoint
CREATE INDEX "chase_letters_campaign_idx" ON "chase_letters" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "holiday_days_date_uq" ON "holiday_days" USING btree ("date");--> statement-breakpoint
CREATE UNIQUE INDEX "mail_outbox_dedupe_uq" ON "mail_outbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "mail_outbox_message_id_uq" ON "mail_outbox" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "mail_outbox_created_idx" ON "mail_outbox" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_occurrences_uq" ON "reminder_occurrences" USING btree ("milestone_id","agency_id","due_date","recipient_key","step");--> statement-breakpoint
CREATE INDEX "reminder_occurrences_campaign_idx" ON "reminder_occurrences" USING btree ("campaign_id","step_date");--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_schedules_campaign_uq" ON "reminder_schedules" USING btree ("campaign_id") WHERE "reminder_schedules"."milestone_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_schedules_milestone_uq" ON "reminder_schedules" USING btree ("campaign_id","milestone_id") WHERE "reminder_schedules"."milestone_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "comment_reminders_uq" ON "comment_reminders" USING btree ("round_id","agency_id","step","recipient_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "comment_reviewers_agency_uq" ON "comment_reviewers" USING btree ("round_id","agency_id") WHERE "comment_reviewers"."agency_id" is not null;--> statement-breakpoint
CREATE INDEX "comment_rounds_campaign_idx" ON "comment_rounds" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE INDEX "comments_round_idx" ON "comments" USING btree ("round_id","created_at");--> statement-breakpoint
CREATE INDEX "comments_routed_idx" ON "comments" USING btree ("routed_agency_id","answer_kind");--> statement-breakpoint
CREATE INDEX "action_programmes_campaign_idx" ON "action_programmes" USING btree ("campaign_id");--> statement-breakpoint
CREATE UNIQUE INDEX "action_task_reminders_uq" ON "action_task_reminders" USING btree ("task_id","due","step","recipient_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "action_task_reports_period_uq" ON "action_task_reports" USING btree ("task_id","period_key");--> statement-breakpoint
CREATE INDEX "action_tasks_programme_idx" ON "action_tasks" USING btree ("programme_id","sort_order");--> statement-breakpoint
CREATE INDEX "action_tasks_lead_idx" ON "action_tasks" USING btree ("lead_agency_id");