// Configuration from the environment (README lists every variable).
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import express from "express";
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
  /** Express's `trust proxy`: false (no proxy), a hop count, or the proxies' addresses and ranges. */
  trustProxy: false | number | string[];
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
    trustProxy: trustProxy(env.TRUST_PROXY),
    version,
    logLevel: env.LOG_LEVEL ?? "info",
    production: env.NODE_ENV === "production",
  };
}

/**
 * TRUST_PROXY: "0"/unset (no proxy), a hop count ("1": one proxy in front), or a comma-separated list of
 * the proxies' addresses, CIDR ranges and Express's names (loopback, linklocal, uniquelocal). Never
 * "trust everything": then any client could pick its own address by writing X-Forwarded-For.
 */
export function trustProxy(raw: string | undefined): false | number | string[] {
  const value = (raw ?? "").trim();
  if (value === "" || value === "0") return false;
  if (/^\d+$/.test(value)) return Number(value);
  const list = value.split(",").map((s) => s.trim());
  const refuse = (why: string) => new Error(`TRUST_PROXY must be a hop count (1, 2…) or proxy addresses/ranges such as "loopback, 10.0.0.0/8", got "${raw}" (${why})`);
  // proxy-addr would read "1,2" as the addresses 0.0.0.1 and 0.0.0.2: only dotted or colon forms and names.
  const odd = list.find((e) => !/^(loopback|linklocal|uniquelocal)$/.test(e) && !/[.:]/.test(e));
  if (odd !== undefined) throw refuse(`not an address: "${odd}"`);
  try {
    // Express's own parser (proxy-addr), so what passes here is what the server will trust.
    express().set("trust proxy", list);
  } catch (err) {
    throw refuse((err as Error).message);
  }
  return list;
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
