-- Mail and notifications (issue 18, ADR 0049): the outbox, per-conference templates, the bell's
-- notifications and each person's preferences; the conference's zone, venue and reminder days; the
-- language of a contact's letters.
ALTER TABLE "Conference" ADD COLUMN "timeZone" TEXT,
ADD COLUMN "venue" TEXT,
ADD COLUMN "reminderDays" INTEGER[] NOT NULL DEFAULT ARRAY[7, 2]::INTEGER[];

ALTER TABLE "Contact" ADD COLUMN "locale" "Locale" NOT NULL DEFAULT 'ar';

CREATE TYPE "MailState" AS ENUM ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'KEPT');

CREATE TYPE "NotificationChannel" AS ENUM ('IN_APP', 'MAIL', 'DIGEST', 'OFF');

CREATE TABLE "OutboxMail" (
    "id" TEXT NOT NULL,
    "conferenceId" TEXT,
    "kind" TEXT NOT NULL,
    "dedupeKey" TEXT,
    "userId" TEXT,
    "toAddress" TEXT NOT NULL,
    "toName" TEXT,
    "locale" "Locale" NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "attachments" JSONB,
    "sealedLink" TEXT,
    "messageId" TEXT NOT NULL,
    "state" "MailState" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "subjectType" TEXT,
    "subjectId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutboxMail_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "OutboxMail_dedupeKey_key" ON "OutboxMail"("dedupeKey");
CREATE UNIQUE INDEX "OutboxMail_messageId_key" ON "OutboxMail"("messageId");
CREATE INDEX "OutboxMail_state_nextAttemptAt_idx" ON "OutboxMail"("state", "nextAttemptAt");
CREATE INDEX "OutboxMail_conferenceId_createdAt_idx" ON "OutboxMail"("conferenceId", "createdAt");
CREATE INDEX "OutboxMail_toAddress_idx" ON "OutboxMail"("toAddress");

CREATE TABLE "MailTemplate" (
    "id" TEXT NOT NULL,
    "conferenceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "locale" "Locale" NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MailTemplate_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "MailTemplate_conferenceId_kind_locale_key" ON "MailTemplate"("conferenceId", "kind", "locale");
ALTER TABLE "MailTemplate" ADD CONSTRAINT "MailTemplate_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "conferenceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "link" TEXT NOT NULL,
    "dedupeKey" TEXT,
    "readAt" TIMESTAMP(3),
    "mailedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");
CREATE INDEX "Notification_conferenceId_createdAt_idx" ON "Notification"("conferenceId", "createdAt");
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "NotificationPreference" (
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("userId", "kind")
);

ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
