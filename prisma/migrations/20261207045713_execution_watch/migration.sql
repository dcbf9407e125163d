-- CreateTable
CREATE TABLE "execution_watch" (
    "id" UUID NOT NULL,
    "investigation_id" UUID NOT NULL,
    "execution_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'watching',
    "polls" INTEGER NOT NULL DEFAULT 0,
    "result_ts" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "execution_watch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "execution_watch_investigation_id_key" ON "execution_watch"("investigation_id");

-- AddForeignKey
ALTER TABLE "execution_watch" ADD CONSTRAINT "execution_watch_investigation_id_fkey" FOREIGN KEY ("investigation_id") REFERENCES "investigation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
