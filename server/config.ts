// Configuration from the environment (README lists every variable).
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import { backgroundNice } from "./thread-priority.mjs";
import { DataFolderError, explainFsError } from "./data-folder.js";

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
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
  } catch (err) {
    throw explainFsError(dataDir, err);
  }
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
    // A secret kept outside the data folder (SESSION_SECRET_FILE) stays out of its copies and backups.
    sessionSecret: env.SESSION_SECRET || persistentSecret(env.SESSION_SECRET_FILE ? resolve(env.SESSION_SECRET_FILE) : join(dataDir, "session-secret")),
    // Embedded default seeds the demo on first start; a real PostgreSQL only when asked.
    seedDemo: databaseUrl ? env.SEED_DEMO === "1" : env.SEED_DEMO !== "0",
    secureCookies: env.COOKIE_SECURE === "1",
    trustProxy: env.TRUST_PROXY === "1",
    version,
    logLevel: env.LOG_LEVEL ?? "info",
    production: env.NODE_ENV === "production",
  };
}

/** Generated once and kept (0600), so sessions survive restarts without configuration. */
function persistentSecret(file: string): string {
  try {
    if (existsSync(file)) {
      const secret = readFileSync(file, "utf8").trim();
      if (secret.length < 32) throw new DataFolderError(`Session secret in ${file} is shorter than 32 characters; remove the file to have one generated.`);
      return secret;
    }
    const secret = randomBytes(32).toString("hex");
    writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  } catch (err) {
    throw explainFsError(file, err, "Session secret file");
  }
}
