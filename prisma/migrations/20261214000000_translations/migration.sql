-- Parallel translations per clause (issue 19, ADRs 0062 and 0063): the paper's blocks keep a stable id,
-- and each block may have a Kurdish and an English translation with the Arabic it was made from.
ALTER TABLE "PaperTextBlock" ADD COLUMN "blockId" TEXT NOT NULL DEFAULT '';

-- The text rows were built without block ids: rebuild them on next read.
DELETE FROM "PaperTextIndex";

CREATE TABLE "PaperTranslation" (
    "id" TEXT NOT NULL,
    "paperId" TEXT NOT NULL,
    "blockId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "sourceText" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaperTranslation_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "PaperTranslation_paperId_blockId_language_key" ON "PaperTranslation"("paperId", "blockId", "language");

ALTER TABLE "PaperTranslation" ADD CONSTRAINT "PaperTranslation_paperId_fkey" FOREIGN KEY ("paperId") REFERENCES "Paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;
