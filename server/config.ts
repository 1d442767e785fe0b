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
  /** The site's public address for links in mail (APP_URL); default http://localhost:PORT. */
  appUrl: string;
  /** SMTP_URL (smtp:// or smtps://); unset: mail stays in the outbox, readable in the app (ADR 0049). */
  smtpUrl?: string;
  /** MAIL_FROM: the From header of every mail. */
  mailFrom: string;
  /** MAIL_TICK_MS: how often scheduled mail jobs run (default one minute). */
  mailTickMs: number;
  /** MAIL_POLL_MS: how often the mail worker looks for due mail besides being woken (default 1 s). */
  mailPollMs?: number;
  /** MAIL_RATE: most mails one instance starts per second (default 0: no cap; ADR 0056). */
  mailRate?: number;
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
    appUrl: appUrl(env.APP_URL, Number(env.PORT ?? 3000)),
    smtpUrl: smtpUrl(env.SMTP_URL),
    mailFrom: env.MAIL_FROM?.trim() || "Tawafuq <no-reply@tawafuq.invalid>",
    mailTickMs: positiveMs("MAIL_TICK_MS", env.MAIL_TICK_MS, 60_000),
    mailPollMs: positiveMs("MAIL_POLL_MS", env.MAIL_POLL_MS, 1_000),
    mailRate: mailRate(env.MAIL_RATE),
  };
}

function positiveMs(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 100) throw new Error(`${name} must be a whole number of milliseconds, at least 100, got "${raw}"`);
  return n;
}

/**
 * MAIL_RATE: mails per second per instance, a whole number; 0 (the default) lifts the cap. A cap is for a
 * relay that limits senders; measured on 2 cores it did not keep pages' latency flat (bench:mail, ADR 0056).
 */
export const DEFAULT_MAIL_RATE = 0;
export function mailRate(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_MAIL_RATE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`MAIL_RATE must be a whole number of mails per second (0: no cap), got "${raw}"`);
  return n;
}

/** APP_URL: an http(s) origin (a path is allowed, e.g. behind a proxy's prefix); no trailing slash. */
export function appUrl(raw: string | undefined, port: number): string {
  const value = raw?.trim();
  if (!value) return `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`APP_URL must be an address such as https://tawafuq.example.org, got "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`APP_URL must start with http:// or https://, got "${raw}"`);
  return (url.origin + url.pathname).replace(/\/+$/, "");
}

/** SMTP_URL: smtp://user:pass@host:port or smtps://…; anything else stops the start with a clear line. */
export function smtpUrl(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error("SMTP_URL must be an address such as smtp://user:password@mail.example.org:587");
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") throw new Error("SMTP_URL must start with smtp:// or smtps://");
  return value;
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
