-- Conference day (issue 20): check-in closes (ADR 0068), and each agenda item has a list of speakers (ADR 0069).
ALTER TABLE "Conference" ADD COLUMN "checkInClosedAt" TIMESTAMP(3),
ADD COLUMN "checkInClosedById" TEXT;

ALTER TABLE "AgendaItem" ADD COLUMN "speakersClosed" BOOLEAN NOT NULL DEFAULT false;

CREATE TYPE "SpeakerState" AS ENUM ('WAITING', 'SPEAKING', 'DONE', 'WITHDRAWN', 'REMOVED');

CREATE TABLE "Speaker" (
    "id" TEXT NOT NULL,
    "agendaItemId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "forceId" TEXT,
    "state" "SpeakerState" NOT NULL DEFAULT 'WAITING',
    "position" INTEGER NOT NULL,
    "waitingUserId" TEXT,
    "speakingItemId" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "Speaker_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Speaker_speakingItemId_key" ON "Speaker"("speakingItemId");

CREATE UNIQUE INDEX "Speaker_agendaItemId_waitingUserId_key" ON "Speaker"("agendaItemId", "waitingUserId");

CREATE INDEX "Speaker_agendaItemId_state_position_idx" ON "Speaker"("agendaItemId", "state", "position");

CREATE INDEX "Speaker_userId_idx" ON "Speaker"("userId");

ALTER TABLE "Speaker" ADD CONSTRAINT "Speaker_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Speaker" ADD CONSTRAINT "Speaker_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
