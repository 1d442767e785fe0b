-- Conference day (issue 20, ADR 0053): check-in codes and attendance of delegation members, the
-- conference's voting mode, and the plenary's votes with one ballot per force (the unique index decides).
CREATE TYPE "VotingMode" AS ENUM ('ANY_PRESENT_DELEGATE', 'VOTING_DELEGATE');

CREATE TYPE "VoteSubject" AS ENUM ('AMENDMENT', 'AMENDMENT_BLOCK', 'PAPER', 'QUESTION');

CREATE TYPE "MajorityRule" AS ENUM ('SIMPLE', 'TWO_THIRDS');

CREATE TYPE "VoteState" AS ENUM ('OPEN', 'CLOSED', 'PUBLISHED');

ALTER TABLE "Conference" ADD COLUMN "votingMode" "VotingMode" NOT NULL DEFAULT 'ANY_PRESENT_DELEGATE';

ALTER TABLE "DelegationMember" ADD COLUMN "checkInCode" TEXT,
ADD COLUMN "isVotingDelegate" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "userId" TEXT;

CREATE UNIQUE INDEX "DelegationMember_checkInCode_key" ON "DelegationMember"("checkInCode");

CREATE TABLE "Attendance" (
    "id" TEXT NOT NULL,
    "invitationId" TEXT NOT NULL,
    "delegationMemberId" TEXT NOT NULL,
    "checkedInAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "checkedInById" TEXT NOT NULL,
    "substituteForId" TEXT,

    CONSTRAINT "Attendance_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Attendance_delegationMemberId_key" ON "Attendance"("delegationMemberId");
CREATE INDEX "Attendance_invitationId_idx" ON "Attendance"("invitationId");

ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_delegationMemberId_fkey" FOREIGN KEY ("delegationMemberId") REFERENCES "DelegationMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_substituteForId_fkey" FOREIGN KEY ("substituteForId") REFERENCES "DelegationMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "Vote" (
    "id" TEXT NOT NULL,
    "conferenceId" TEXT NOT NULL,
    "subject" "VoteSubject" NOT NULL,
    "amendmentIds" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "paperId" TEXT,
    "question" TEXT NOT NULL,
    "options" TEXT[] NOT NULL,
    "majority" "MajorityRule" NOT NULL DEFAULT 'SIMPLE',
    "quorumPercent" INTEGER NOT NULL DEFAULT 50,
    "secret" BOOLEAN NOT NULL DEFAULT false,
    "state" "VoteState" NOT NULL DEFAULT 'OPEN',
    "presentAtClose" INTEGER,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "openedById" TEXT NOT NULL,
    "closedById" TEXT,
    "publishedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Vote_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "Vote_conferenceId_openedAt_idx" ON "Vote"("conferenceId", "openedAt");

ALTER TABLE "Vote" ADD CONSTRAINT "Vote_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "Ballot" (
    "id" TEXT NOT NULL,
    "voteId" TEXT NOT NULL,
    "forceId" TEXT NOT NULL,
    "option" TEXT NOT NULL,
    "castById" TEXT NOT NULL,
    "castAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Ballot_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Ballot_voteId_forceId_key" ON "Ballot"("voteId", "forceId");

ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_voteId_fkey" FOREIGN KEY ("voteId") REFERENCES "Vote"("id") ON DELETE CASCADE ON UPDATE CASCADE;
