-- CreateEnum
CREATE TYPE "FeedbackVote" AS ENUM ('up', 'down');

-- CreateTable
CREATE TABLE "verdict_feedback" (
    "id" UUID NOT NULL,
    "investigation_id" UUID NOT NULL,
    "team_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "vote" "FeedbackVote" NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "verdict_feedback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "verdict_feedback_investigation_id_user_id_key" ON "verdict_feedback"("investigation_id", "user_id");

-- AddForeignKey
ALTER TABLE "verdict_feedback" ADD CONSTRAINT "verdict_feedback_investigation_id_fkey" FOREIGN KEY ("investigation_id") REFERENCES "investigation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
