-- Trigram search over Arabic-folded text (app/lib/arabic.ts folds before storing and before querying).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Force_searchText_trgm_idx" ON "Force" USING GIN ("searchText" gin_trgm_ops);
