-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "investigation_trigger" AS ENUM ('command', 'alert', 'button');

-- CreateEnum
CREATE TYPE "investigation_status" AS ENUM ('queued', 'running', 'done', 'failed');

-- CreateEnum
CREATE TYPE "step_status" AS ENUM ('ok', 'warning', 'failed', 'skipped', 'error');

-- CreateEnum
CREATE TYPE "alert_episode_status" AS ENUM ('open', 'recovered');

-- CreateEnum
CREATE TYPE "alert_trigger_status" AS ENUM ('Failed', 'Pending');

-- CreateEnum
CREATE TYPE "alert_source" AS ENUM ('poll', 'push');

-- CreateTable
CREATE TABLE "investigation" (
    "id" UUID NOT NULL,
    "association_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "account_name" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "trigger" "investigation_trigger" NOT NULL,
    "status" "investigation_status" NOT NULL DEFAULT 'queued',
    "root_ts" TEXT,
    "thread_ts" TEXT,
    "verdict_summary" TEXT,
    "diagnosis" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "investigation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "investigation_step" (
    "id" UUID NOT NULL,
    "investigation_id" UUID NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "step_key" TEXT NOT NULL,
    "status" "step_status" NOT NULL,
    "title" TEXT NOT NULL,
    "facts" JSONB NOT NULL,
    "findings" JSONB NOT NULL,
    "gaps" JSONB NOT NULL,
    "patch" JSONB NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "message_ts" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "investigation_step_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscription" (
    "id" UUID NOT NULL,
    "team_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "account_id" TEXT,
    "region" TEXT,
    "association_id" TEXT,
    "document_name" TEXT,
    "name_pattern" TEXT,
    "filter_key" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "muted_until" TIMESTAMPTZ(3),

    CONSTRAINT "subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_episode" (
    "id" UUID NOT NULL,
    "subscription_id" UUID,
    "team_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "association_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "status" "alert_episode_status" NOT NULL DEFAULT 'open',
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),
    "trigger_status" "alert_trigger_status" NOT NULL,
    "source" "alert_source" NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "root_ts" TEXT,
    "thread_ts" TEXT,
    "investigation_id" UUID,
    "posted_at" TIMESTAMPTZ(3),
    "last_seen_status" TEXT NOT NULL,
    "post_attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "alert_episode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "team_id" TEXT,
    "channel_id" TEXT,
    "user_id" TEXT,
    "account_id" TEXT,
    "subject" TEXT,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "association_location" (
    "association_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "association_location_pkey" PRIMARY KEY ("association_id")
);

-- CreateIndex
CREATE INDEX "investigation_team_id_channel_id_created_at_idx" ON "investigation"("team_id", "channel_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "investigation_association_id_created_at_idx" ON "investigation"("association_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "investigation_step_investigation_id_ordinal_key" ON "investigation_step"("investigation_id", "ordinal");

-- CreateIndex
CREATE UNIQUE INDEX "subscription_team_id_channel_id_filter_key_key" ON "subscription"("team_id", "channel_id", "filter_key");

-- CreateIndex
CREATE UNIQUE INDEX "alert_episode_dedupe_key_key" ON "alert_episode"("dedupe_key");

-- CreateIndex
CREATE INDEX "alert_episode_association_id_status_idx" ON "alert_episode"("association_id", "status");

-- CreateIndex
CREATE INDEX "alert_episode_team_id_channel_id_opened_at_idx" ON "alert_episode"("team_id", "channel_id", "opened_at" DESC);

-- CreateIndex
CREATE INDEX "audit_event_kind_created_at_idx" ON "audit_event"("kind", "created_at");

-- AddForeignKey
ALTER TABLE "investigation_step" ADD CONSTRAINT "investigation_step_investigation_id_fkey" FOREIGN KEY ("investigation_id") REFERENCES "investigation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_episode" ADD CONSTRAINT "alert_episode_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscription"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_episode" ADD CONSTRAINT "alert_episode_investigation_id_fkey" FOREIGN KEY ("investigation_id") REFERENCES "investigation"("id") ON DELETE SET NULL ON UPDATE CASCADE;
