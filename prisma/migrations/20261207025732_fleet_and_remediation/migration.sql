-- CreateTable
CREATE TABLE "fleet_snapshot" (
    "account_id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "observed_at" TIMESTAMPTZ(3) NOT NULL,
    "total" INTEGER,
    "failed" INTEGER NOT NULL,
    "pending" INTEGER NOT NULL,
    "truncated" BOOLEAN NOT NULL DEFAULT false,
    "items" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,

    CONSTRAINT "fleet_snapshot_pkey" PRIMARY KEY ("account_id","region")
);

-- CreateTable
CREATE TABLE "remediation" (
    "id" UUID NOT NULL,
    "investigation_id" UUID NOT NULL,
    "association_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "role_arn" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "baseline_execution_id" TEXT,
    "execution_id" TEXT,
    "verify_polls" INTEGER NOT NULL DEFAULT 0,
    "thread_ts" TEXT,
    "root_ts" TEXT,
    "result_claimed_at" TIMESTAMPTZ(3),
    "result_ts" TEXT,
    "result" JSONB,
    "started_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "remediation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "remediation_investigation_id_key" ON "remediation"("investigation_id");

-- CreateIndex
CREATE INDEX "remediation_team_id_channel_id_created_at_idx" ON "remediation"("team_id", "channel_id", "created_at" DESC);
