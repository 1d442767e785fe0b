// The outbox's delivery side (ADR 0049). Every instance runs one worker; each claims due mail in batches
// with one UPDATE … FOR UPDATE SKIP LOCKED, so on a shared PostgreSQL exactly one instance holds a mail
// at a time, and delivers it with a lease: a worker that dies leaves its mail SENDING until the lease
// runs out, then any worker takes it again (at least once; the stable Message-ID lets clients show one).
// Without SMTP_URL the worker keeps due mail (KEPT): readable in the app, never lost.
import type { Logger } from "pino";
import type { SqlQuery } from "../../app/services.server.js";
import type { MailContext } from "../../app/domain/mail/outbox.server.js";
import { deliverableBodies } from "../../app/server-exports.server.js";
import { describeFailure, isPermanent, type MailTransport, SMTP_CONNECTIONS, SMTP_TIMEOUT_MS } from "./transport.js";

/** Waits before the 2nd, 3rd… attempt; after the last one the mail is FAILED. */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 3_600_000, 21_600_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

export interface MailWorkerOptions {
  sql: SqlQuery;
  mail: Pick<MailContext, "linkKey">;
  /** null: no SMTP_URL, due mail is KEPT. */
  transport: MailTransport | null;
  log: Logger;
  /** How often to look for due mail besides kick() (MAIL_POLL_MS). */
  pollMs: number;
  /** Strings no error text may keep (SMTP_URL's credentials). */
  secrets?: string[];
  /** Mails claimed per statement (default: a fifth of a second's worth at `rate`, at most 100). */
  batch?: number;
  /**
   * Most mails started per second (MAIL_RATE, ADR 0056); 0 or unset: as fast as SMTP takes them. Paced
   * evenly, so delivery takes a steady share of the process (and of PGlite's one thread) beside pages.
   */
  rate?: number;
  /** Mails in flight at once (each on one of the transport's pooled connections). */
  concurrency?: number;
  /** How long a claim holds a mail; another worker takes it after that. */
  leaseMs?: number;
  /**
   * The database has one owner (embedded PGlite, ADR 0027): every SENDING row at start is a dead
   * process's, so it is queued again now instead of when its lease runs out.
   */
  reclaimOnStart?: boolean;
  /** false: no loop (tests drive runOnce). */
  autoStart?: boolean;
}

export interface RoundResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  kept: number;
  /** Claimed but not started because the worker was stopping: queued again. */
  released: number;
}

export interface MailWorker {
  /** Claims one batch of due mail and delivers it (or keeps it, without SMTP). */
  runOnce(): Promise<RoundResult>;
  /** Rounds until nothing is due. */
  drain(): Promise<RoundResult>;
  /** Look for due mail now (this process just queued some). */
  kick(): void;
  /** Finishes the mails in flight, leaves the rest queued, closes the SMTP connections. */
  stop(): Promise<void>;
}

interface ClaimedRow {
  id: string;
  toAddress: string;
  toName: string | null;
  locale: string;
  subject: string;
  text: string;
  html: string;
  attachments: unknown;
  sealedLink: string | null;
  messageId: string;
  attempts: number;
}

// Prisma keeps DateTime as UTC in "timestamp without time zone": compare with now() in UTC, whatever the
// session's TimeZone.
const NOW = `(now() AT TIME ZONE 'UTC')`;
const DUE = `(state = 'QUEUED' AND "nextAttemptAt" <= ${NOW}) OR (state = 'SENDING' AND "leaseUntil" < ${NOW})`;

const CLAIM = `UPDATE "OutboxMail" SET state = 'SENDING', "leaseUntil" = ${NOW} + make_interval(secs => $2::float8),
    attempts = attempts + 1, "updatedAt" = ${NOW}
  WHERE id IN (SELECT id FROM "OutboxMail" WHERE ${DUE} ORDER BY "nextAttemptAt" LIMIT $1 FOR UPDATE SKIP LOCKED)
  RETURNING id, "toAddress", "toName", locale::text AS locale, subject, text, html, attachments, "sealedLink", "messageId", attempts`;

// Without SMTP: due mail becomes KEPT in one statement; its sealed link stays, for the in-app reading.
const KEEP = `UPDATE "OutboxMail" SET state = 'KEPT', "leaseUntil" = NULL, "updatedAt" = ${NOW}
  WHERE id IN (SELECT id FROM "OutboxMail" WHERE ${DUE} ORDER BY "nextAttemptAt" LIMIT $1 FOR UPDATE SKIP LOCKED)
  RETURNING id`;

// Delivered: the stored copy keeps no working link.
const SENT = `UPDATE "OutboxMail" SET state = 'SENT', "sentAt" = ${NOW}, "sealedLink" = NULL, "lastError" = NULL, "leaseUntil" = NULL,
    "updatedAt" = ${NOW} WHERE id = ANY($1::text[]) AND state = 'SENDING'`;

const FAILED_TRY = `UPDATE "OutboxMail" SET state = $2::"MailState", "nextAttemptAt" = ${NOW} + make_interval(secs => $3::float8),
    "lastError" = $4, "leaseUntil" = NULL, "updatedAt" = ${NOW} WHERE id = $1 AND state = 'SENDING'`;

// Not tried after all (stopping): as it was before the claim.
const RELEASE = `UPDATE "OutboxMail" SET state = 'QUEUED', "leaseUntil" = NULL, attempts = GREATEST(attempts - 1, 0), "updatedAt" = ${NOW}
  WHERE id = ANY($1::text[]) AND state = 'SENDING'`;

const RECLAIM = `UPDATE "OutboxMail" SET state = 'QUEUED', "leaseUntil" = NULL, "updatedAt" = ${NOW} WHERE state = 'SENDING' RETURNING id`;

const attachmentsOf = (value: unknown) =>
  (Array.isArray(value) ? value : []).map((a: { filename?: unknown; contentType?: unknown; content?: unknown; encoding?: unknown; cid?: unknown }) => ({
    filename: String(a.filename ?? "attachment"),
    contentType: String(a.contentType ?? "application/octet-stream"),
    content: String(a.content ?? ""),
    // An inline image (the check-in QR): base64 content, shown where the HTML names its cid.
    ...(a.encoding === "base64" ? { encoding: "base64" as const } : {}),
    ...(typeof a.cid === "string" ? { cid: a.cid } : {}),
  }));

/**
 * Even pacing: each call waits for the next free slot, 1/rate s after the previous one. An idle worker
 * saves up at most `burst` slots, so a lone mail leaves at once but a backlog never goes out in a rush.
 */
export function pacer(rate: number, burst: number, now = () => performance.now()): () => Promise<void> {
  if (!(rate > 0)) return () => Promise.resolve();
  const gap = 1000 / rate;
  let next = -Infinity;
  return () => {
    const t = now();
    next = Math.max(next + gap, t - (burst - 1) * gap);
    const wait = next - t;
    return wait <= 0 ? Promise.resolve() : new Promise((r) => setTimeout(r, wait));
  };
}

export function startMailWorker(opts: MailWorkerOptions): MailWorker {
  const { sql, log, transport } = opts;
  const rate = opts.rate ?? 0;
  const batch = opts.batch ?? (rate > 0 ? Math.max(10, Math.min(100, Math.round(rate / 5))) : 100);
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? SMTP_CONNECTIONS, batch));
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  // A send is started only while its claim has this much left: a send that times out still ends before
  // the lease does, so no other worker can take the mail while this one may still deliver it.
  const margin = Math.min(leaseMs / 2, 2 * SMTP_TIMEOUT_MS);
  const secrets = opts.secrets ?? [];
  const paced = pacer(rate, concurrency);
  let stopped = false;
  const active = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    active.add(p);
    void p.finally(() => active.delete(p)).catch(() => {});
    return p;
  };

  // Delivered mails are marked SENT together: while one UPDATE runs, the next ones gather (group commit).
  let toMark: string[] = [];
  let marking: Promise<void> | null = null;
  const markSent = (id: string): Promise<void> => {
    toMark.push(id);
    return (marking ??= (async () => {
      try {
        while (toMark.length) {
          const ids = toMark;
          toMark = [];
          await sql.query(SENT, [ids]);
        }
      } finally {
        marking = null;
      }
    })());
  };

  const failed = async (row: ClaimedRow, err: unknown): Promise<"retried" | "failed"> => {
    const final = isPermanent(err) || row.attempts >= MAX_ATTEMPTS || (err as { code?: unknown }).code === "ELINKGONE";
    const delay = final ? 0 : RETRY_DELAYS_MS[Math.max(0, row.attempts - 1)]!;
    const text = describeFailure(err, secrets);
    await sql.query(FAILED_TRY, [row.id, final ? "FAILED" : "QUEUED", delay / 1000, text]);
    log[final ? "error" : "warn"]({ mail: row.id, attempts: row.attempts, error: text }, final ? "mail failed for good" : "mail failed; tried again later");
    return final ? "failed" : "retried";
  };

  const deliver = async (row: ClaimedRow): Promise<"sent" | "retried" | "failed"> => {
    try {
      const bodies = deliverableBodies(row, opts.mail.linkKey);
      if (!bodies) throw Object.assign(new Error("the sign-in link this mail names can no longer be opened"), { code: "ELINKGONE" });
      await transport!.send({
        to: { address: row.toAddress, name: row.toName },
        locale: row.locale,
        subject: row.subject,
        text: bodies.text,
        html: bodies.html,
        messageId: row.messageId,
        attachments: attachmentsOf(row.attachments),
      });
    } catch (err) {
      return failed(row, err);
    }
    // The lane goes on while the mark is written, unless a lane's worth of marks is already waiting: so at
    // most about 2 × concurrency mails are delivered but not yet SENT (the duplicates a crash can cause).
    const marked = markSent(row.id);
    marked.catch(() => {});
    if (toMark.length >= concurrency) await marked;
    return "sent";
  };

  const round = async (): Promise<RoundResult> => {
    const result: RoundResult = { claimed: 0, sent: 0, retried: 0, failed: 0, kept: 0, released: 0 };
    if (stopped) return result;
    if (!transport) {
      const kept = await sql.query(KEEP, [500]);
      result.claimed = result.kept = kept.length;
      if (kept.length) log.info({ kept: kept.length }, "no SMTP_URL: mail kept in the outbox, readable in the app");
      return result;
    }
    const claimedAt = Date.now();
    const rows = (await sql.query(CLAIM, [batch, leaseMs / 1000])) as ClaimedRow[];
    result.claimed = rows.length;
    const startBy = claimedAt + leaseMs - margin;
    const left: string[] = [];
    let next = 0;
    const lane = async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        if (!stopped) await paced();
        if (stopped || Date.now() > startBy) {
          left.push(row.id);
          continue;
        }
        result[await deliver(row)]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, lane));
    // Delivered mails are SENT before the round ends (a failed mark leaves them SENDING: sent again later).
    while (marking) await marking;
    if (left.length) {
      // Stopping: queued again at once. Past the lease's margin: another worker may hold them already.
      if (stopped) await sql.query(RELEASE, [left]);
      result.released = left.length;
    }
    return result;
  };

  const runOnce = () => track(round());

  const drain = async () => {
    const total: RoundResult = { claimed: 0, sent: 0, retried: 0, failed: 0, kept: 0, released: 0 };
    for (;;) {
      const r = await runOnce();
      for (const k of Object.keys(total) as (keyof RoundResult)[]) total[k] += r[k];
      if (r.claimed === 0 || stopped) return total;
    }
  };

  // The loop: a full batch means more is due, so go on at once; else sleep until the poll or a kick.
  let wakeUp: (() => void) | null = null;
  let kicked = false;
  const sleep = () =>
    new Promise<void>((resolve) => {
      if (kicked || stopped) return resolve();
      const timer = setTimeout(() => done(), opts.pollMs);
      const done = () => {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      };
      wakeUp = done;
    });
  const loop = async () => {
    if (opts.reclaimOnStart) {
      const back = await sql.query(RECLAIM);
      if (back.length) log.warn({ mails: back.length }, "mail left SENDING by a stopped process queued again (possibly delivered already; same Message-ID)");
    }
    while (!stopped) {
      kicked = false;
      let full = false;
      try {
        const r = await runOnce();
        full = r.claimed >= (transport ? batch : 500);
      } catch (err) {
        log.error({ err }, "mail worker round failed; tried again at the next poll");
      }
      if (!full) await sleep();
    }
  };
  const looping = opts.autoStart === false ? null : track(loop());

  return {
    runOnce,
    drain,
    kick() {
      kicked = true;
      wakeUp?.();
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      await looping?.catch(() => {});
      while (active.size) await Promise.allSettled([...active]);
      await marking?.catch(() => {});
      transport?.close();
    },
  };
}
