// A real SMTP server (the smtp-server package) on 127.0.0.1, port 0, for tests and bench:mail: it keeps
// every message it accepted, may answer slowly, and may refuse a message with the reply a test chooses.
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

export interface ReceivedMail {
  /** The Message-ID header as sent, e.g. "<id@host>". */
  messageId: string;
  from: string;
  to: string[];
  raw: Buffer;
  /** performance.timeOrigin + performance.now() when the message was accepted (ms since the epoch). */
  at: number;
}

export interface SinkOptions {
  /** Milliseconds before each message is accepted (a slow receiver). */
  delayMs?: number;
  /** A refusal for this message ({ code: 451, message }) or null to accept it. */
  refuse?: (mail: Omit<ReceivedMail, "at">, session: SMTPServerSession) => { code: number; message: string } | null;
  /** Sign-in: when set, AUTH is required and this decides; its error text is the server's reply. */
  auth?: (username: string, password: string) => Error | null;
}

export interface SmtpSink {
  port: number;
  /** smtp://127.0.0.1:port (with credentials when given). */
  url(credentials?: { user: string; pass: string }): string;
  received: ReceivedMail[];
  /** Message-IDs accepted more than once, with their counts. */
  duplicates(): Map<string, number>;
  parse(mail: ReceivedMail): Promise<ParsedMail>;
  /** Resolves when `count` messages were accepted, or rejects after timeoutMs. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const headerOf = (raw: Buffer, name: string): string => {
  const head = raw.subarray(0, Math.max(0, raw.indexOf("\r\n\r\n"))).toString("utf8").replace(/\r\n[ \t]+/g, " ");
  const m = new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head);
  return m ? m[1]!.trim() : "";
};

export async function startSmtpSink(opts: SinkOptions = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const waiters: { count: number; resolve(): void }[] = [];
  const server = new SMTPServer({
    // Plain SMTP on the loopback: no self-signed STARTTLS for the client to refuse.
    disabledCommands: opts.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !opts.auth,
    allowInsecureAuth: true,
    logger: false,
    size: 10 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      const err = opts.auth!(auth.username ?? "", auth.password ?? "");
      if (err) return callback(Object.assign(err, { responseCode: 535 }));
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        const mail = {
          messageId: headerOf(raw, "Message-ID"),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        };
        const finish = () => {
          const refusal = opts.refuse?.(mail, session);
          if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
          received.push({ ...mail, at: performance.timeOrigin + performance.now() });
          for (const w of waiters.filter((w) => received.length >= w.count)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve();
          }
          callback();
        };
        if (opts.delayMs) setTimeout(finish, opts.delayMs);
        else finish();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  // Clients that go away mid-message (a killed server) are nothing to report.
  server.on("error", () => {});
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: (c) => (c ? `smtp://${encodeURIComponent(c.user)}:${encodeURIComponent(c.pass)}@127.0.0.1:${port}` : `smtp://127.0.0.1:${port}`),
    received,
    duplicates() {
      const counts = new Map<string, number>();
      for (const r of received) counts.set(r.messageId, (counts.get(r.messageId) ?? 0) + 1);
      return new Map([...counts].filter(([, n]) => n > 1));
    },
    parse: (mail) => simpleParser(mail.raw),
    waitFor(count, timeoutMs = 60_000) {
      if (received.length >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${received.length} of ${count} mails arrived in ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
