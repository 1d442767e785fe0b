// `prisma generate` offline: the CLI only needs PRISMA_SCHEMA_ENGINE_BINARY to point at a file;
// generation itself runs in WASM (ADR 0002).
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";

const placeholder = "prisma/.schema-engine-placeholder";
if (!existsSync(placeholder)) writeFileSync(placeholder, "");
execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
  stdio: "inherit",
  env: { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1", PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder },
});
