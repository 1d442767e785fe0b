-- The agenda (issue 20, ADR 0054): sessions of the plenary with their items, and the item on the floor.
CREATE TYPE "AgendaItemKind" AS ENUM ('FREE', 'PAPER_SECTION', 'AMENDMENT', 'VOTE');

CREATE TYPE "AgendaItemStatus" AS ENUM ('PROPOSED', 'SCHEDULED', 'CURRENT', 'DONE', 'DROPPED');

ALTER TABLE "Conference" ADD COLUMN "currentAgendaItemId" TEXT;

CREATE TABLE "AgendaSession" (
    "id" TEXT NOT NULL,
    "conferenceId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "startsAt" TEXT NOT NULL,
    "endsAt" TEXT,
    "room" TEXT NOT NULL DEFAULT '',
    "chair" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgendaSession_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "AgendaSession_conferenceId_day_position_idx" ON "AgendaSession"("conferenceId", "day", "position");

ALTER TABLE "AgendaSession" ADD CONSTRAINT "AgendaSession_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "AgendaItem" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "AgendaItemKind" NOT NULL DEFAULT 'FREE',
    "title" TEXT NOT NULL,
    "refId" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "status" "AgendaItemStatus" NOT NULL DEFAULT 'PROPOSED',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgendaItem_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "AgendaItem_sessionId_position_idx" ON "AgendaItem"("sessionId", "position");

ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "AgendaSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;
