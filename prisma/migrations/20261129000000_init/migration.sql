CREATE TYPE "Locale" AS ENUM ('ar', 'ku', 'en');

CREATE TYPE "Role" AS ENUM ('ORGANIZER', 'COMMITTEE', 'DELEGATE', 'OBSERVER');

CREATE TYPE "ConferencePhase" AS ENUM ('PREPARATION', 'INVITATIONS', 'AMENDMENTS', 'CONVENED', 'CLOSED');

CREATE TYPE "ForceKind" AS ENUM ('PARTY', 'BLOC', 'CURRENT', 'TRIBE', 'CSO', 'INTERNATIONAL_BODY', 'COMMUNITY', 'PERSONALITY');

CREATE TYPE "Region" AS ENUM ('NORTH_EAST_SYRIA', 'OTHER_SYRIAN_REGIONS', 'ABROAD');

CREATE TYPE "InvitationStatus" AS ENUM ('CANDIDATE', 'APPROVED', 'SENT', 'CONFIRMED', 'DECLINED', 'NO_RESPONSE', 'ATTENDED', 'NO_SHOW', 'WITHDRAWN');

CREATE TYPE "AmendmentType" AS ENUM ('REPLACE', 'INSERT', 'DELETE', 'NEW_SECTION', 'GENERAL');

CREATE TYPE "AmendmentState" AS ENUM ('DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'ACCEPTED', 'ACCEPTED_WITH_CHANGES', 'REJECTED', 'WITHDRAWN', 'MERGED');

CREATE TYPE "Recommendation" AS ENUM ('ACCEPT', 'ACCEPT_WITH_CHANGES', 'REJECT');

CREATE TYPE "OutreachChannel" AS ENUM ('MEETING', 'CALL', 'MESSAGE', 'VISIT', 'CONFERENCE');

CREATE TYPE "PlanHorizon" AS ENUM ('SHORT', 'MEDIUM', 'LONG');

CREATE TYPE "PlanStatus" AS ENUM ('PLANNED', 'IN_PROGRESS', 'DONE', 'DROPPED');

CREATE TYPE "RepresentationArea" AS ENUM ('ARAB', 'EUROPE', 'AMERICA', 'OTHER');

CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "locale" "Locale" NOT NULL DEFAULT 'ar',
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Conference" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "nameAr" TEXT NOT NULL,
    "nameKu" TEXT,
    "nameEn" TEXT,
    "city" TEXT NOT NULL,
    "startsOn" DATE,
    "endsOn" DATE,
    "phase" "ConferencePhase" NOT NULL DEFAULT 'PREPARATION',
    "amendmentsOpenAt" TIMESTAMP(3),
    "amendmentsCloseAt" TIMESTAMP(3),
    "decisionsPublishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conference_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Membership" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "conferenceId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "forceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "DelegateLink" (
    "id" TEXT NOT NULL,
    "conferenceId" TEXT NOT NULL,
    "forceId" TEXT NOT NULL,
    "personName" TEXT NOT NULL,
    "email" TEXT,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "userId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DelegateLink_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Force" (
    "id" TEXT NOT NULL,
    "conferenceId" TEXT NOT NULL,
    "kind" "ForceKind" NOT NULL,
    "nameAr" TEXT NOT NULL,
    "nameKu" TEXT,
    "nameEn" TEXT,
    "nameKey" TEXT NOT NULL,
    "searchText" TEXT NOT NULL DEFAULT '',
    "region" "Region" NOT NULL,
    "country" TEXT,
    "city" TEXT,
    "isMember" BOOLEAN NOT NULL DEFAULT false,
    "isOfficial" BOOLEAN NOT NULL DEFAULT true,
    "tags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "notes" TEXT,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Force_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Contact" (
    "id" TEXT NOT NULL,
    "forceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "messaging" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL,
    "conferenceId" TEXT NOT NULL,
    "forceId" TEXT NOT NULL,
    "status" "InvitationStatus" NOT NULL DEFAULT 'CANDIDATE',
    "version" INTEGER NOT NULL DEFAULT 1,
    "seatQuota" INTEGER NOT NULL DEFAULT 1,
    "confirmationDeadline" TIMESTAMP(3),
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "InvitationEvent" (
    "id" TEXT NOT NULL,
    "invitationId" TEXT NOT NULL,
    "actorId" TEXT,
    "fromStatus" "InvitationStatus",
    "toStatus" "InvitationStatus" NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InvitationEvent_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "DelegationMember" (
    "id" TEXT NOT NULL,
    "invitationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT,
    "contact" TEXT,
    "isSubstitute" BOOLEAN NOT NULL DEFAULT false,
    "travelNeeds" TEXT,
    "needsVisa" BOOLEAN NOT NULL DEFAULT false,
    "consentToPublish" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DelegationMember_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Paper" (
    "id" TEXT NOT NULL,
    "conferenceId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Paper_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "PaperUpdate" (
    "id" BIGSERIAL NOT NULL,
    "paperId" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "userId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaperUpdate_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "PaperSnapshot" (
    "id" TEXT NOT NULL,
    "paperId" TEXT NOT NULL,
    "state" BYTEA NOT NULL,
    "upToUpdate" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaperSnapshot_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "PaperVersion" (
    "id" TEXT NOT NULL,
    "paperId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "state" BYTEA NOT NULL,
    "automatic" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaperVersion_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Amendment" (
    "id" TEXT NOT NULL,
    "paperId" TEXT NOT NULL,
    "forceId" TEXT NOT NULL,
    "type" "AmendmentType" NOT NULL,
    "state" "AmendmentState" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "anchorStart" BYTEA,
    "anchorEnd" BYTEA,
    "quotedText" TEXT,
    "stateVector" BYTEA,
    "sectionTitle" TEXT,
    "proposedText" TEXT NOT NULL DEFAULT '',
    "rationale" TEXT NOT NULL DEFAULT '',
    "recommendation" "Recommendation",
    "recommendationNote" TEXT,
    "recommendedById" TEXT,
    "decisionReason" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "submittedById" TEXT,
    "submittedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Amendment_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AmendmentEvent" (
    "id" TEXT NOT NULL,
    "amendmentId" TEXT NOT NULL,
    "actorId" TEXT,
    "fromState" "AmendmentState",
    "toState" "AmendmentState" NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AmendmentEvent_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Comment" (
    "id" TEXT NOT NULL,
    "amendmentId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "internal" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "OutreachEntry" (
    "id" TEXT NOT NULL,
    "conferenceId" TEXT NOT NULL,
    "forceId" TEXT,
    "contactId" TEXT,
    "representationId" TEXT,
    "occurredOn" DATE NOT NULL,
    "channel" "OutreachChannel" NOT NULL,
    "participants" TEXT NOT NULL DEFAULT '',
    "summary" TEXT NOT NULL,
    "outcome" TEXT,
    "followUp" TEXT,
    "followUpDue" DATE,
    "followUpOwnerId" TEXT,
    "followUpDoneAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutreachEntry_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "PlanItem" (
    "id" TEXT NOT NULL,
    "conferenceId" TEXT NOT NULL,
    "horizon" "PlanHorizon" NOT NULL,
    "goal" TEXT NOT NULL,
    "ownerId" TEXT,
    "dueOn" DATE,
    "status" "PlanStatus" NOT NULL DEFAULT 'PLANNED',
    "forceId" TEXT,
    "representationId" TEXT,
    "paperSection" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlanItem_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Representation" (
    "id" TEXT NOT NULL,
    "conferenceId" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "area" "RepresentationArea" NOT NULL,
    "city" TEXT,
    "representatives" TEXT NOT NULL DEFAULT '',
    "contacts" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "notes" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Representation_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT,
    "data" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

CREATE INDEX "Session_userId_idx" ON "Session"("userId");

CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

CREATE UNIQUE INDEX "Conference_slug_key" ON "Conference"("slug");

CREATE INDEX "Membership_conferenceId_idx" ON "Membership"("conferenceId");

CREATE UNIQUE INDEX "Membership_userId_conferenceId_key" ON "Membership"("userId", "conferenceId");

CREATE UNIQUE INDEX "DelegateLink_tokenHash_key" ON "DelegateLink"("tokenHash");

CREATE INDEX "DelegateLink_conferenceId_idx" ON "DelegateLink"("conferenceId");

CREATE INDEX "Force_conferenceId_nameKey_idx" ON "Force"("conferenceId", "nameKey");

CREATE INDEX "Contact_forceId_idx" ON "Contact"("forceId");

CREATE INDEX "Invitation_conferenceId_status_idx" ON "Invitation"("conferenceId", "status");

CREATE UNIQUE INDEX "Invitation_conferenceId_forceId_key" ON "Invitation"("conferenceId", "forceId");

CREATE INDEX "InvitationEvent_invitationId_createdAt_idx" ON "InvitationEvent"("invitationId", "createdAt");

CREATE INDEX "DelegationMember_invitationId_idx" ON "DelegationMember"("invitationId");

CREATE INDEX "Paper_conferenceId_idx" ON "Paper"("conferenceId");

CREATE INDEX "PaperUpdate_paperId_id_idx" ON "PaperUpdate"("paperId", "id");

CREATE INDEX "PaperSnapshot_paperId_upToUpdate_idx" ON "PaperSnapshot"("paperId", "upToUpdate");

CREATE INDEX "PaperVersion_paperId_createdAt_idx" ON "PaperVersion"("paperId", "createdAt");

CREATE INDEX "Amendment_paperId_state_idx" ON "Amendment"("paperId", "state");

CREATE INDEX "Amendment_forceId_idx" ON "Amendment"("forceId");

CREATE INDEX "AmendmentEvent_amendmentId_createdAt_idx" ON "AmendmentEvent"("amendmentId", "createdAt");

CREATE INDEX "Comment_amendmentId_createdAt_idx" ON "Comment"("amendmentId", "createdAt");

CREATE INDEX "OutreachEntry_conferenceId_occurredOn_idx" ON "OutreachEntry"("conferenceId", "occurredOn");

CREATE INDEX "OutreachEntry_forceId_idx" ON "OutreachEntry"("forceId");

CREATE INDEX "PlanItem_conferenceId_horizon_idx" ON "PlanItem"("conferenceId", "horizon");

CREATE UNIQUE INDEX "Representation_conferenceId_country_key" ON "Representation"("conferenceId", "country");

CREATE INDEX "AuditEvent_subjectType_subjectId_idx" ON "AuditEvent"("subjectType", "subjectId");

ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Membership" ADD CONSTRAINT "Membership_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Membership" ADD CONSTRAINT "Membership_forceId_fkey" FOREIGN KEY ("forceId") REFERENCES "Force"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "DelegateLink" ADD CONSTRAINT "DelegateLink_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "DelegateLink" ADD CONSTRAINT "DelegateLink_forceId_fkey" FOREIGN KEY ("forceId") REFERENCES "Force"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Force" ADD CONSTRAINT "Force_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Contact" ADD CONSTRAINT "Contact_forceId_fkey" FOREIGN KEY ("forceId") REFERENCES "Force"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_forceId_fkey" FOREIGN KEY ("forceId") REFERENCES "Force"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "InvitationEvent" ADD CONSTRAINT "InvitationEvent_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "DelegationMember" ADD CONSTRAINT "DelegationMember_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Paper" ADD CONSTRAINT "Paper_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "PaperUpdate" ADD CONSTRAINT "PaperUpdate_paperId_fkey" FOREIGN KEY ("paperId") REFERENCES "Paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "PaperSnapshot" ADD CONSTRAINT "PaperSnapshot_paperId_fkey" FOREIGN KEY ("paperId") REFERENCES "Paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "PaperVersion" ADD CONSTRAINT "PaperVersion_paperId_fkey" FOREIGN KEY ("paperId") REFERENCES "Paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Amendment" ADD CONSTRAINT "Amendment_paperId_fkey" FOREIGN KEY ("paperId") REFERENCES "Paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Amendment" ADD CONSTRAINT "Amendment_forceId_fkey" FOREIGN KEY ("forceId") REFERENCES "Force"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "AmendmentEvent" ADD CONSTRAINT "AmendmentEvent_amendmentId_fkey" FOREIGN KEY ("amendmentId") REFERENCES "Amendment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Comment" ADD CONSTRAINT "Comment_amendmentId_fkey" FOREIGN KEY ("amendmentId") REFERENCES "Amendment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "OutreachEntry" ADD CONSTRAINT "OutreachEntry_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "OutreachEntry" ADD CONSTRAINT "OutreachEntry_forceId_fkey" FOREIGN KEY ("forceId") REFERENCES "Force"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "OutreachEntry" ADD CONSTRAINT "OutreachEntry_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "OutreachEntry" ADD CONSTRAINT "OutreachEntry_representationId_fkey" FOREIGN KEY ("representationId") REFERENCES "Representation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "PlanItem" ADD CONSTRAINT "PlanItem_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "PlanItem" ADD CONSTRAINT "PlanItem_forceId_fkey" FOREIGN KEY ("forceId") REFERENCES "Force"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "PlanItem" ADD CONSTRAINT "PlanItem_representationId_fkey" FOREIGN KEY ("representationId") REFERENCES "Representation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "Representation" ADD CONSTRAINT "Representation_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

