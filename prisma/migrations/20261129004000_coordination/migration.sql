-- Coordination (issue 6): outreach follow-up completion, the paper's text index, and Arabic-folded
-- trigram search over every table the one search reads (ADR 0041).

-- tq_fold(text) is app/lib/arabic.ts foldArabic() in SQL (tests/integration/search.test.ts proves they agree):
-- NFC, drop invisible marks, tatweel and harakat, unify alef/ya/ta-marbuta/hamza-carrier/kaf forms, Arabic
-- and Persian digits to ASCII, lower case, collapse whitespace. IMMUTABLE, so it can back expression indexes
-- on tables other areas write, without their write paths keeping a folded column in step.
CREATE FUNCTION tq_fold(input text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $fn$
  SELECT btrim(
    regexp_replace(
      lower(
        translate(
          regexp_replace(
            normalize(input, NFC),
            '[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u0640\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]',
            '', 'g'),
          'آأإٱٲٳىیةؤئک٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹',
          'ااااااييهويك01234567890123456789')),
      '[\t\n\u000B\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+', ' ', 'g'),
    ' ')
$fn$;

ALTER TABLE "OutreachEntry" ADD COLUMN "followUpDoneById" TEXT;

CREATE TABLE "PaperTextIndex" (
    "paperId" TEXT NOT NULL,
    "watermark" TEXT NOT NULL,
    "refreshedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaperTextIndex_pkey" PRIMARY KEY ("paperId")
);

CREATE TABLE "PaperTextBlock" (
    "id" TEXT NOT NULL,
    "paperId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "sectionIndex" INTEGER NOT NULL,
    "sectionTitle" TEXT NOT NULL DEFAULT '',
    "text" TEXT NOT NULL,

    CONSTRAINT "PaperTextBlock_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "PaperTextBlock_paperId_position_key" ON "PaperTextBlock"("paperId", "position");

ALTER TABLE "PaperTextIndex" ADD CONSTRAINT "PaperTextIndex_paperId_fkey" FOREIGN KEY ("paperId") REFERENCES "Paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "PaperTextBlock" ADD CONSTRAINT "PaperTextBlock_paperId_fkey" FOREIGN KEY ("paperId") REFERENCES "Paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Follow-ups due per owner and overdue lists.
CREATE INDEX "OutreachEntry_followUp_open_idx" ON "OutreachEntry"("conferenceId", "followUpDue") WHERE "followUpDue" IS NOT NULL AND "followUpDoneAt" IS NULL;

-- Trigram indexes over folded text. Each expression is written exactly as app/domain/search.server.ts
-- queries it (the planner matches expressions literally); a test checks every one is used.
CREATE INDEX "OutreachEntry_fold_trgm_idx" ON "OutreachEntry" USING GIN (tq_fold("summary" || ' ' || "participants" || ' ' || coalesce("outcome", '') || ' ' || coalesce("followUp", '')) gin_trgm_ops);
CREATE INDEX "PlanItem_fold_trgm_idx" ON "PlanItem" USING GIN (tq_fold("goal" || ' ' || coalesce("paperSection", '')) gin_trgm_ops);
CREATE INDEX "Representation_fold_trgm_idx" ON "Representation" USING GIN (tq_fold("country" || ' ' || coalesce("city", '') || ' ' || "representatives" || ' ' || coalesce("contacts", '') || ' ' || coalesce("notes", '')) gin_trgm_ops);
CREATE INDEX "Contact_fold_trgm_idx" ON "Contact" USING GIN (tq_fold("name" || ' ' || coalesce("role", '') || ' ' || coalesce("email", '') || ' ' || coalesce("phone", '') || ' ' || coalesce("messaging", '')) gin_trgm_ops);
CREATE INDEX "DelegationMember_fold_trgm_idx" ON "DelegationMember" USING GIN (tq_fold("name" || ' ' || coalesce("role", '')) gin_trgm_ops);
CREATE INDEX "Invitation_fold_trgm_idx" ON "Invitation" USING GIN (tq_fold(coalesce("note", '')) gin_trgm_ops);
CREATE INDEX "Amendment_fold_trgm_idx" ON "Amendment" USING GIN (tq_fold(coalesce("sectionTitle", '') || ' ' || coalesce("proposedTitle", '') || ' ' || coalesce("quotedText", '') || ' ' || "proposedText" || ' ' || "rationale") gin_trgm_ops);
CREATE INDEX "PaperTextBlock_fold_trgm_idx" ON "PaperTextBlock" USING GIN (tq_fold("text") gin_trgm_ops);
