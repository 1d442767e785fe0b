-- tq_fold() also drops the soft hyphen (U+00AD) and the Arabic letter mark (U+061C), as foldArabic() in
-- app/lib/arabic.ts now does (ADR 0033; tests/integration/search.test.ts proves they agree). The
-- expression indexes over it are rebuilt: an IMMUTABLE function that changes must not leave stale keys.
CREATE OR REPLACE FUNCTION tq_fold(input text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $fn$
  SELECT btrim(
    regexp_replace(
      lower(
        translate(
          regexp_replace(
            normalize(input, NFC),
            '[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u0640\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]',
            '', 'g'),
          'آأإٱٲٳىیةؤئک٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹',
          'ااااااييهويك01234567890123456789')),
      '[\t\n\u000B\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+', ' ', 'g'),
    ' ')
$fn$;

REINDEX INDEX "OutreachEntry_fold_trgm_idx";
REINDEX INDEX "PlanItem_fold_trgm_idx";
REINDEX INDEX "Representation_fold_trgm_idx";
REINDEX INDEX "Contact_fold_trgm_idx";
REINDEX INDEX "DelegationMember_fold_trgm_idx";
REINDEX INDEX "Invitation_fold_trgm_idx";
REINDEX INDEX "Amendment_fold_trgm_idx";
REINDEX INDEX "PaperTextBlock_fold_trgm_idx";
