-- AlterTable
ALTER TABLE "alert_episode" ADD COLUMN     "association_name" TEXT,
ADD COLUMN     "change_seq" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "detailed_status" TEXT,
ADD COLUMN     "digest_id" UUID,
ADD COLUMN     "document_name" TEXT,
ADD COLUMN     "incident" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "last_post_error" TEXT,
ADD COLUMN     "next_post_at" TIMESTAMPTZ(3),
ADD COLUMN     "post_lease_until" TIMESTAMPTZ(3),
ADD COLUMN     "recovery_posted_at" TIMESTAMPTZ(3),
ADD COLUMN     "rendered_status" TEXT,
ADD COLUMN     "status_counts" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "synced_seq" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "alert_digest" (
    "id" UUID NOT NULL,
    "team_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "root_ts" TEXT,
    "posted_at" TIMESTAMPTZ(3),
    "change_seq" INTEGER NOT NULL DEFAULT 1,
    "synced_seq" INTEGER NOT NULL DEFAULT 0,
    "post_attempts" INTEGER NOT NULL DEFAULT 0,
    "next_post_at" TIMESTAMPTZ(3),
    "post_lease_until" TIMESTAMPTZ(3),
    "last_post_error" TEXT,

    CONSTRAINT "alert_digest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "association_alert_state" (
    "account_id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "association_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "status_since" TIMESTAMPTZ(3) NOT NULL,
    "last_observed_at" TIMESTAMPTZ(3) NOT NULL,
    "incident" INTEGER NOT NULL DEFAULT 0,
    "open" BOOLEAN NOT NULL DEFAULT false,
    "trigger_status" "alert_trigger_status",
    "opened_at" TIMESTAMPTZ(3),
    "association_name" TEXT,
    "document_name" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "association_alert_state_pkey" PRIMARY KEY ("account_id","region","association_id")
);

-- CreateTable
CREATE TABLE "alert_mute" (
    "id" UUID NOT NULL,
    "team_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "association_id" TEXT NOT NULL,
    "muted_until" TIMESTAMPTZ(3) NOT NULL,
    "muted_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_mute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_delivery" (
    "delivery_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_delivery_pkey" PRIMARY KEY ("delivery_id")
);

-- CreateTable
CREATE TABLE "alert_poll_run" (
    "account_id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "cycle_start" TIMESTAMPTZ(3) NOT NULL,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "outcome" JSONB,

    CONSTRAINT "alert_poll_run_pkey" PRIMARY KEY ("account_id","region","cycle_start")
);

-- CreateIndex
CREATE INDEX "alert_digest_team_id_channel_id_opened_at_idx" ON "alert_digest"("team_id", "channel_id", "opened_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "alert_mute_team_id_channel_id_association_id_key" ON "alert_mute"("team_id", "channel_id", "association_id");

-- CreateIndex
CREATE INDEX "alert_delivery_received_at_idx" ON "alert_delivery"("received_at");

-- CreateIndex
CREATE INDEX "alert_poll_run_cycle_start_idx" ON "alert_poll_run"("cycle_start");

-- CreateIndex
CREATE INDEX "alert_episode_digest_id_idx" ON "alert_episode"("digest_id");

-- AddForeignKey
ALTER TABLE "alert_episode" ADD CONSTRAINT "alert_episode_digest_id_fkey" FOREIGN KEY ("digest_id") REFERENCES "alert_digest"("id") ON DELETE SET NULL ON UPDATE CASCADE;
