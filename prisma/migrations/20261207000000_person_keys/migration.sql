-- Crypto-shredding of the audit trail (issue 17, ADR 0034): one random AES-256 key per person the
-- erasure knows (kind "user", "contact" or "delegate" and the row's id). Personal values the audit trail
-- records are sealed under their person's key; erasing the person deletes the key, so the sealed values
-- can no longer be opened while the append-only, hash-chained rows stay as they were.
CREATE TABLE "PersonKey" (
    "kind" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "key" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PersonKey_pkey" PRIMARY KEY ("kind", "personId")
);
