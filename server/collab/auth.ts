// Yjs gate: who opens /collab/<paperId>, and may they write? Answered before the WebSocket handshake
// by the session cookie and the policy module; refusals are plain HTTP 401/403/404.
import type { IncomingMessage } from "node:http";
import type { AppServices } from "../../app/services.server.js";
import type { SessionUser } from "../../app/domain/accounts.server.js";
import { may, sessionIdFromCookieHeader, userForSession } from "../../app/server-exports.server.js";
import type { SqlTx } from "../db/migrate.js";

export const COLLAB_PREFIX = "/collab/";

export type GateResult =
  | { ok: true; user: SessionUser; sessionId: string; paperId: string; conferenceId: string; readOnly: boolean }
  | { ok: false; status: 400 | 401 | 403 | 404; message: string };

export function paperIdFromUrl(url: string | undefined): string | null {
  if (!url) return null;
  const path = url.split("?")[0]!;
  if (!path.startsWith(COLLAB_PREFIX)) return null;
  const id = decodeURIComponent(path.slice(COLLAB_PREFIX.length));
  return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : "";
}

/**
 * onSigned(paperId) is called once the cookie's signature holds, before the lookups: the caller may
 * start reading the paper meanwhile (nothing of it reaches the client unless this gate lets it in).
 */
export async function authenticateCollab(services: AppServices, sql: SqlTx, req: IncomingMessage, onSigned?: (paperId: string) => void): Promise<GateResult> {
  const paperId = paperIdFromUrl(req.url);
  if (!paperId) return { ok: false, status: 400, message: "Bad paper id" };
  const sessionId = await sessionIdFromCookieHeader(services, req.headers.cookie);
  if (!sessionId) return { ok: false, status: 401, message: "Sign in first" };
  // Both lookups at once (opening a paper waits on this gate); the paper's is a primary-key read, and
  // nothing of it is used unless the session holds. Plain SQL: no ORM work on the broadcast thread, and
  // both are queued before the paper's own read, which onSigned starts (the embedded database answers in order).
  const lookups = Promise.all([
    userForSession(sql, sessionId),
    sql.query(`SELECT "conferenceId" FROM "Paper" WHERE "id" = $1`, [paperId]) as Promise<{ conferenceId: string }[]>,
  ]);
  onSigned?.(paperId);
  const [user, papers] = await lookups;
  if (!user) return { ok: false, status: 401, message: "Sign in first" };
  const paper = papers[0];
  // Unknown paper and foreign paper look the same to the caller.
  if (!paper || !may(user, "paper.read", { conferenceId: paper.conferenceId })) {
    return { ok: false, status: paper ? 403 : 404, message: paper ? "Not allowed to open this paper" : "No such paper" };
  }
  const readOnly = !may(user, "paper.edit", { conferenceId: paper.conferenceId });
  // The session id stays with the connection so that it can be asked again (reauth.ts).
  return { ok: true, user, sessionId, paperId, conferenceId: paper.conferenceId, readOnly };
}
