// Small request helpers shared by routes.
import type { AppServices, Realtime } from "~/services.server";
import type { MailContext } from "~/domain/mail/outbox.server";

const HERE = "http://tawafuq.invalid";

/**
 * Only paths on this site, so ?next= cannot send people elsewhere. Browsers drop tabs and newlines from
 * URLs and read a backslash as "/" ("/\t/evil.example" is "//evil.example"), so control characters and
 * backslashes are refused outright; what is left must resolve against a dummy origin without leaving it.
 * The result is the URL's own serialisation: percent-encoded, so always a valid Location header.
 */
export function safeNext(next: unknown, fallback = "/"): string {
  if (typeof next !== "string" || !next.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, HERE);
  } catch {
    return fallback;
  }
  return url.origin === HERE ? url.pathname + url.search + url.hash : fallback;
}

export function clientIp(request: Request): string {
  // Set by Express from the socket, or from X-Forwarded-For as far as TRUST_PROXY trusts it (server/app.ts).
  return request.headers.get("x-tawafuq-client-ip") ?? "unknown";
}

/**
 * What a domain command takes from the request and the app: the client's address for the audit trail,
 * and the bus on which the command itself announces its committed changes (ADR 0037).
 */
export function commandMeta(request: Request, services: Pick<AppServices, "realtime" | "mail">): { ip: string; realtime: Realtime; mail: MailContext } {
  return { ip: clientIp(request), realtime: services.realtime, mail: services.mail };
}
