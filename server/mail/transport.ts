// SMTP delivery for the mail worker (ADR 0049): one pooled nodemailer transport per process, on its own
// thread; what a failure means (try again later, or never); a failure's text with no credentials in it.
import { Worker } from "node:worker_threads";

/** A mail as the worker hands it over: the outbox row with its sign-in link put back. */
export interface OutgoingMail {
  to: { address: string; name: string | null };
  locale: string;
  subject: string;
  text: string;
  html: string;
  /** Stable across retries: a resend after a crash is the same message to the recipient's client. */
  messageId: string;
  attachments: { filename: string; contentType: string; content: string; encoding?: "base64"; cid?: string }[];
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** How many SMTP connections one instance keeps open at most (and so how many mails are in flight). */
export const SMTP_CONNECTIONS = 5;

/** The most one send may take before the worker counts it failed (connect, greeting, each reply). */
export const SMTP_TIMEOUT_MS = 30_000;

/** Delivery through SMTP_URL on a thread of its own (smtp-thread.mjs), with one pool of connections. */
export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const thread = new Worker(new URL("./smtp-thread.mjs", import.meta.url), {
    workerData: { smtpUrl, from, connections: SMTP_CONNECTIONS, timeoutMs: SMTP_TIMEOUT_MS },
  });
  // Idle, it does not keep the process alive; a send in progress does (its promise is awaited).
  thread.unref();
  const pending = new Map<number, { resolve(): void; reject(err: Error): void }>();
  let next = 0;
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  thread.on("message", (msg: { id: number; error?: { code?: string; responseCode?: number; message: string } }) => {
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.error) p?.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code, responseCode: msg.error.responseCode }));
    else p?.resolve();
  });
  thread.on("error", (err: Error) => failAll(err));
  thread.on("exit", () => failAll(Object.assign(new Error("the SMTP thread stopped"), { code: "ECONNECTION" })));
  return {
    send(mail) {
      const id = next++;
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        thread.postMessage({ id, mail });
      });
    },
    close() {
      thread.postMessage({ close: true });
    },
  };
}

/**
 * A refusal that retrying will not change: the receiving server answered 5xx to this mail's envelope or
 * content. A 5xx to the sign-in (wrong SMTP password) is not one: it concerns every mail, and is fixed
 * by the operator, after which the queued mail should still go.
 */
export function isPermanent(err: unknown): boolean {
  const e = err as { code?: unknown; responseCode?: unknown };
  return (e.code === "EENVELOPE" || e.code === "EMESSAGE") && typeof e.responseCode === "number" && e.responseCode >= 500 && e.responseCode < 600;
}

/** Where a failure's text is kept (OutboxMail.lastError, the organizers' view): bounded. */
export const ERROR_LIMIT = 500;

/** The user name and password in SMTP_URL, as they might appear in an error: plain and base64 (AUTH PLAIN/LOGIN). */
export function secretsOf(smtpUrl: string | undefined): string[] {
  if (!smtpUrl) return [];
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    return [];
  }
  const plain = [url.username, url.password].map((s) => decodeURIComponent(s)).filter((s) => s.length >= 3);
  return [...plain, ...plain.map((s) => Buffer.from(s, "utf8").toString("base64"))];
}

/** A failure as one bounded line without credentials: code, the server's reply, the message. */
export function describeFailure(err: unknown, secrets: string[]): string {
  const e = err as { code?: unknown; responseCode?: unknown; message?: unknown };
  let text = [typeof e.code === "string" ? e.code : null, typeof e.responseCode === "number" ? String(e.responseCode) : null, typeof e.message === "string" ? e.message : String(err)]
    .filter(Boolean)
    .join(" ");
  text = text.replace(/\b(smtps?:\/\/)[^\s/@]*@/gi, "$1***@");
  for (const s of secrets) text = text.split(s).join("***");
  text = text.replace(/\s+/g, " ").trim();
  return text.length > ERROR_LIMIT ? `${text.slice(0, ERROR_LIMIT - 1)}…` : text;
}
