import { defineConfig } from "prisma/config";

// Prisma 7 reads the datasource URL from here; the CLI is only used for `generate` (ADR 0002).
export default defineConfig({
  schema: "prisma/schema.prisma",
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
