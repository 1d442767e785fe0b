-- Translations co-edited live (issue 19, ADR 0074): each (paper, language) has a Yjs document of its own,
-- stored like the paper's (ADR 0010): a snapshot plus the update rows after it. "docId" is the
-- document's name, "<paperId>:<language>" (server/collab/docs.ts); "paperId" deletes it with its paper.
CREATE TABLE "TranslationUpdate" (
    "id" BIGSERIAL NOT NULL,
    "docId" TEXT NOT NULL,
    "paperId" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "userId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TranslationUpdate_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "TranslationSnapshot" (
    "id" TEXT NOT NULL,
    "docId" TEXT NOT NULL,
    "paperId" TEXT NOT NULL,
    "state" BYTEA NOT NULL,
    "upToUpdate" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TranslationSnapshot_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "TranslationUpdate_docId_id_idx" ON "TranslationUpdate"("docId", "id");
CREATE INDEX "TranslationSnapshot_docId_upToUpdate_idx" ON "TranslationSnapshot"("docId", "upToUpdate");

ALTER TABLE "TranslationUpdate" ADD CONSTRAINT "TranslationUpdate_paperId_fkey" FOREIGN KEY ("paperId") REFERENCES "Paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "TranslationSnapshot" ADD CONSTRAINT "TranslationSnapshot_paperId_fkey" FOREIGN KEY ("paperId") REFERENCES "Paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;
