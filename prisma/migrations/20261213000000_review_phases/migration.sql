-- Review finishing (issue 19, ADR 0061): a force's lead delegate signs off its amendments, and the
-- single amendment window becomes phases (first reading, second reading…), each with its own times.
ALTER TYPE "AmendmentEventKind" ADD VALUE 'SUBMISSION_REQUESTED';

ALTER TYPE "AmendmentEventKind" ADD VALUE 'SENT_BACK';

ALTER TABLE "Force" ADD COLUMN "leadDelegateId" TEXT;

ALTER TABLE "Amendment" ADD COLUMN "submissionRequestedAt" TIMESTAMP(3),
ADD COLUMN "submissionRequestedById" TEXT,
ADD COLUMN "phaseId" TEXT;

CREATE TABLE "AmendmentPhase" (
    "id" TEXT NOT NULL,
    "conferenceId" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "openAt" TIMESTAMP(3) NOT NULL,
    "closeAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AmendmentPhase_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "AmendmentPhase_conferenceId_openAt_idx" ON "AmendmentPhase"("conferenceId", "openAt");

ALTER TABLE "AmendmentPhase" ADD CONSTRAINT "AmendmentPhase_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Amendment" ADD CONSTRAINT "Amendment_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "AmendmentPhase"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The window a conference had becomes its first phase (unnamed: shown as "Phase 1"), and what was
-- submitted so far belongs to it.
INSERT INTO "AmendmentPhase" ("id", "conferenceId", "openAt", "closeAt")
SELECT 'phase1_' || "id", "id", "amendmentsOpenAt", "amendmentsCloseAt" FROM "Conference"
WHERE "amendmentsOpenAt" IS NOT NULL AND "amendmentsCloseAt" IS NOT NULL AND "amendmentsOpenAt" < "amendmentsCloseAt";

UPDATE "Amendment" SET "phaseId" = 'phase1_' || p."conferenceId"
FROM "Paper" p
WHERE "Amendment"."paperId" = p."id" AND "Amendment"."submittedAt" IS NOT NULL
  AND EXISTS (SELECT 1 FROM "AmendmentPhase" ph WHERE ph."id" = 'phase1_' || p."conferenceId");

ALTER TABLE "Conference" DROP COLUMN "amendmentsOpenAt",
DROP COLUMN "amendmentsCloseAt";
