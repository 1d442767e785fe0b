-- Paper snapshots are stored uncompressed (TOAST without pglz). A paper keeps one snapshot, and every cold
-- open reads and so decompressed all of it: the 311 KB B4 snapshot took ~3.5 ms to read compressed and
-- ~2.2 ms uncompressed on PGlite (ADR 0011). The price is disk: that snapshot gzips to a third of its size.
-- Existing values stay as they are until the next compaction writes a new snapshot.
ALTER TABLE "PaperSnapshot" ALTER COLUMN "state" SET STORAGE EXTERNAL;
