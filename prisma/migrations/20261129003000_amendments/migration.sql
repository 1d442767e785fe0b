-- Amendments (issue 5): event kinds, the committee's amended text, NEW_SECTION titles, anchor offsets.

-- CreateEnum
CREATE TYPE "AmendmentEventKind" AS ENUM ('TRANSITION', 'EDITED', 'RECOMMENDATION', 'REANCHORED', 'MERGE_REFUSED');

-- AlterTable
ALTER TABLE "Amendment" ADD COLUMN "anchorOffset" INTEGER,
ADD COLUMN "proposedTitle" TEXT,
ADD COLUMN "decidedText" TEXT;

-- AlterTable
ALTER TABLE "AmendmentEvent" ADD COLUMN "kind" "AmendmentEventKind" NOT NULL DEFAULT 'TRANSITION',
ADD COLUMN "data" JSONB;

-- The queue and the consolidated table read a paper's amendments by force as well.
CREATE INDEX "Amendment_paperId_forceId_idx" ON "Amendment"("paperId", "forceId");
