-- CreateTable
CREATE TABLE "investigation_request" (
    "id" UUID NOT NULL,
    "team_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "association_id" TEXT NOT NULL,
    "account" TEXT,
    "region" TEXT,
    "located" BOOLEAN NOT NULL DEFAULT false,
    "thread_ts" TEXT,
    "response_url" TEXT,
    "trigger" "investigation_trigger" NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "investigation_id" UUID,
    "lease_owner" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "not_before" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "investigation_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "intent_claim" (
    "key" TEXT NOT NULL,
    "claimed_until" TIMESTAMPTZ(3) NOT NULL,
    "subject" TEXT,

    CONSTRAINT "intent_claim_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "slack_post" (
    "key" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "thread_ts" TEXT,
    "ts" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "slack_post_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "investigation_request_status_not_before_idx" ON "investigation_request"("status", "not_before");
