-- AlterTable
ALTER TABLE "investigation" ADD COLUMN     "lang" TEXT;

-- AlterTable
ALTER TABLE "investigation_request" ADD COLUMN     "lang" TEXT;

-- CreateTable
CREATE TABLE "channel_language" (
    "team_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "set_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "channel_language_pkey" PRIMARY KEY ("team_id","channel_id")
);
