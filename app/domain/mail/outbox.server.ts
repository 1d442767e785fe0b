// The outbox (issue 18, ADR 0049): the one way mail leaves the app. Callers enqueue inside the
// transaction of the change that causes the mail, so a mail exists exactly when its change committed;
// the worker (server/mail/worker.ts) delivers it later, with retries, on exactly one instance.
import { randomUUID } from "node:crypto";
import type { Locale, Prisma, PrismaClient } from "@prisma/client";
import { openText, sealText } from "../sealing.server";

type Db = PrismaClient | Prisma.TransactionClient;

/** Where mail points back to, and the key that seals sign-in links kept in the outbox. */
export interface MailContext {
  /** The site's public address, without a trailing slash (APP_URL), for links in mail. */
  appUrl: string;
  /** AES-256 key for `sealedLink` (derived from the session secret by the server). */
  linkKey: Buffer;
  /**
   * Tells this instance's mail worker that mail was queued (set by the server; absent in data-layer
   * tests). Call it after the enqueuing transaction committed: the worker then delivers at once instead
   * of at its next poll. Other instances find the mail at their next poll (MAIL_POLL_MS).
   */
  wake?: () => void;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** Text content (UTF-8), e.g. an .ics calendar; with encoding "base64", binary content (an image). */
  content: string;
  encoding?: "base64";
  /** Content-ID: the HTML shows the attachment inline as <img src="cid:…">. */
  cid?: string;
}

export interface NewMail {
  conferenceId?: string | null;
  kind: string;
  /** Once per cause: a second enqueue with the same key does nothing and returns null. */
  dedupeKey?: string | null;
  userId?: string | null;
  to: { address: string; name?: string | null };
  locale: Locale;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
  /** A secret link the text and HTML name as LINK_MARK; kept sealed and dropped once delivered. */
  link?: { url: string; key: Buffer } | null;
  about?: { type: string; id: string } | null;
  createdById?: string | null;
  /** Deliver no earlier than this (default: now). */
  notBefore?: Date;
}

/** Where a sealed link goes in a mail's text and HTML. */
export const LINK_MARK = "[[link]]";

/** Bounds that keep one mail a mail: a runaway template or attachment is refused, not queued. */
export const MAIL_LIMITS = { subject: 300, body: 200_000, attachment: 200_000, attachments: 5 } as const;

const domainOf = (appUrl: string) => {
  try {
    return new URL(appUrl).hostname || "tawafuq.invalid";
  } catch {
    return "tawafuq.invalid";
  }
};

/** One outbox row's values, in the order of OUTBOX_COLUMNS. */
type OutboxValues = (string | null)[];

/** The columns a queued mail sets, each passed as a text array; the rest take their defaults (state QUEUED, attempts 0). */
const OUTBOX_COLUMNS = [
  "id", "conferenceId", "kind", "dedupeKey", "userId", "toAddress", "toName", "locale", "subject",
  "text", "html", "attachments", "sealedLink", "messageId", "nextAttemptAt", "subjectType", "subjectId", "createdById",
] as const;
type OutboxColumn = (typeof OUTBOX_COLUMNS)[number];

const cast: Partial<Record<OutboxColumn, (v: string) => string>> = {
  locale: (v) => `${v}::"Locale"`,
  attachments: (v) => `${v}::jsonb`,
  // Prisma keeps DateTime as UTC in "timestamp without time zone".
  nextAttemptAt: (v) => `${v}::timestamptz AT TIME ZONE 'UTC'`,
};

/**
 * All of a batch in one statement with one array parameter per column (ADR 0076): the ORM's
 * createMany cost about 0.7 ms of the server's one thread per mail, which pages waited behind while a
 * reminder run queued thousands. ON CONFLICT DO NOTHING skips a dedupeKey queued already.
 */
const columnList = OUTBOX_COLUMNS.map((c) => `"${c}"`).join(", ");
const INSERT_OUTBOX = `INSERT INTO "OutboxMail" (${columnList}, "createdAt", "updatedAt")
  SELECT ${OUTBOX_COLUMNS.map((c) => (cast[c] ?? ((v: string) => v))(`u."${c}"`)).join(", ")}, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
  FROM unnest(${OUTBOX_COLUMNS.map((_, i) => `$${i + 1}::text[]`).join(", ")}) AS u(${columnList})
  ON CONFLICT DO NOTHING RETURNING id`;

/** One outbox row for a mail, checked against the limits (a runaway template is refused, not queued). */
function outboxRow(mail: NewMail, appUrl: string): OutboxValues {
  const address = mail.to.address.trim().toLowerCase();
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(address)) throw new Error(`enqueueMail: not a mail address: ${JSON.stringify(mail.to.address)}`);
  if (mail.subject.length > MAIL_LIMITS.subject || mail.text.length > MAIL_LIMITS.body || mail.html.length > MAIL_LIMITS.body) {
    throw new Error(`enqueueMail: ${mail.kind} mail over its size limits`);
  }
  const attachments = mail.attachments ?? [];
  if (attachments.length > MAIL_LIMITS.attachments || attachments.some((a) => a.content.length > MAIL_LIMITS.attachment)) {
    throw new Error(`enqueueMail: ${mail.kind} attachments over their limits`);
  }
  const id = randomUUID();
  const row: Record<OutboxColumn, string | null> = {
    id,
    conferenceId: mail.conferenceId ?? null,
    kind: mail.kind,
    dedupeKey: mail.dedupeKey ?? null,
    userId: mail.userId ?? null,
    toAddress: address,
    toName: mail.to.name?.trim() || null,
    locale: mail.locale,
    subject: mail.subject.replace(/[\r\n]+/g, " "),
    text: mail.text,
    html: mail.html,
    attachments: attachments.length ? JSON.stringify(attachments) : null,
    sealedLink: mail.link ? sealText(mail.link.key, mail.link.url, `outbox:${id}`) : null,
    messageId: `<${id}@${domainOf(appUrl)}>`,
    nextAttemptAt: (mail.notBefore ?? new Date()).toISOString(),
    subjectType: mail.about?.type ?? null,
    subjectId: mail.about?.id ?? null,
    createdById: mail.createdById ?? null,
  };
  return OUTBOX_COLUMNS.map((c) => row[c]);
}

async function insertOutbox(db: Db, rows: OutboxValues[]): Promise<string[]> {
  const columns = OUTBOX_COLUMNS.map((_, c) => rows.map((r) => r[c]));
  const made = await db.$queryRawUnsafe<{ id: string }[]>(INSERT_OUTBOX, ...columns);
  return made.map((r) => r.id);
}

/**
 * Queues one mail. Returns its id, or null when a mail with the same dedupeKey already exists (the
 * INSERT … ON CONFLICT DO NOTHING makes that hold across concurrent transactions and instances).
 */
export async function enqueueMail(db: Db, mail: NewMail, appUrl = "http://localhost"): Promise<string | null> {
  const [id] = await insertOutbox(db, [outboxRow(mail, appUrl)]);
  return id ?? null;
}

/**
 * Queues many mails in one statement (a scheduled job's reminders): one round trip instead of one per
 * mail, which is what bounds a job's enqueue on a busy database. Returns the ids queued; a mail whose
 * dedupeKey exists already is skipped, as with enqueueMail.
 */
export async function enqueueMails(db: Db, mails: NewMail[], appUrl = "http://localhost"): Promise<string[]> {
  if (!mails.length) return [];
  return insertOutbox(db, mails.map((m) => outboxRow(m, appUrl)));
}

/** The sign-in link a mail carries, opened; null when it was dropped (delivered) or no longer opens. */
export function openLink(sealedLink: string | null, id: string, key: Buffer): string | null {
  if (!sealedLink) return null;
  try {
    return openText(key, sealedLink, `outbox:${id}`);
  } catch {
    // Sealed under another key (the session secret changed): as good as gone.
    return null;
  }
}

/** The text with its sign-in link put back (for delivery, or the in-app reading of a kept mail). */
export function withLink(body: string, sealedLink: string | null, id: string, key: Buffer, gone: string, encode: (url: string) => string = (u) => u): string {
  if (!body.includes(LINK_MARK)) return body;
  return body.split(LINK_MARK).join(encode(openLink(sealedLink, id, key) ?? gone));
}

/** A URL as text inside HTML, attribute values included. */
const urlInHtml = (url: string) => url.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/'/g, "&#39;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Whether a mail's text or HTML names a sign-in link. */
export const namesLink = (mail: { text: string; html: string }) => mail.text.includes(LINK_MARK) || mail.html.includes(LINK_MARK);

/**
 * A mail's text and HTML as they leave: the sign-in link put back (escaped in the HTML). Null when the
 * mail names a link it no longer has: sent like that it would carry a dead placeholder.
 */
export function deliverableBodies(mail: { id: string; text: string; html: string; sealedLink: string | null }, key: Buffer): { text: string; html: string } | null {
  if (!namesLink(mail)) return { text: mail.text, html: mail.html };
  const url = openLink(mail.sealedLink, mail.id, key);
  if (url === null) return null;
  return { text: mail.text.split(LINK_MARK).join(url), html: mail.html.split(LINK_MARK).join(urlInHtml(url)) };
}
