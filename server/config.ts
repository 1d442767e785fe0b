// Configuration from the environment (README lists every variable).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import { backgroundNice } from "./thread-priority.mjs";

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  sessionSecret: string;
  seedDemo: boolean;
  secureCookies: boolean;
  trustProxy: boolean;
  version: string;
  logLevel: string;
  production: boolean;
}

export function loadConfig(env = process.env): Config {
  const dataDir = resolve(env.DATA_DIR ?? "./data");
  mkdirSync(dataDir, { recursive: true });
  const databaseUrl = env.DATABASE_URL || undefined;
  // Read by the background threads themselves; checked here so a bad value stops the start plainly.
  backgroundNice(env);
  const version = (createRequire(import.meta.url)("../package.json") as { version: string }).version;
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? "0.0.0.0",
    dataDir,
    databaseUrl,
    redisUrl: env.REDIS_URL || undefined,
    sessionSecret: env.SESSION_SECRET || persistentSecret(dataDir),
    // Embedded default seeds the demo on first start; a real PostgreSQL only when asked.
    seedDemo: databaseUrl ? env.SEED_DEMO === "1" : env.SEED_DEMO !== "0",
    secureCookies: env.COOKIE_SECURE === "1",
    trustProxy: env.TRUST_PROXY === "1",
    version,
    logLevel: env.LOG_LEVEL ?? "info",
    production: env.NODE_ENV === "production",
  };
}

/** Generated once and kept in the data folder, so sessions survive restarts without configuration. */
function persistentSecret(dataDir: string): string {
  const file = join(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
