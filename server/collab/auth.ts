// Yjs gate: who opens /collab/<document>, and may they write? Answered before the WebSocket handshake
// by the session cookie and the policy module; refusals are plain HTTP 401/403/404. The document is a
// paper (/collab/<paperId>) or its translation into one language (/collab/<paperId>:<ku|en>, ADR 0074,
// docs.ts): readers of the paper read either; writing takes paper.edit or paper.translate.
import type { IncomingMessage } from "node:http";
import type { AppServices } from "../../app/services.server.js";
import type { SessionUser } from "../../app/domain/accounts.server.js";
import { may, sessionIdFromCookieHeader, userForSession } from "../../app/server-exports.server.js";
import type { SqlTx } from "../db/migrate.js";
import { parseDocName, writeActionFor, type DocRef } from "./docs.js";

export const COLLAB_PREFIX = "/collab/";

export type GateResult =
  | {
      ok: true;
      user: SessionUser;
      sessionId: string;
      /** The document's name (docs.ts); a paper's is its id. */
      paperId: string;
      doc: DocRef;
      conferenceId: string;
      readOnly: boolean;
      writeAction: "paper.edit" | "paper.translate";
    }
  | { ok: false; status: 400 | 401 | 403 | 404; message: string };

/** The document a /collab/ URL names; null for another path or a name that is no document. */
export function docFromUrl(url: string | undefined): DocRef | null {
  if (!url) return null;
  const path = url.split("?")[0]!;
  if (!path.startsWith(COLLAB_PREFIX)) return null;
  let name: string;
  try {
    name = decodeURIComponent(path.slice(COLLAB_PREFIX.length));
  } catch {
    return null;
  }
  return parseDocName(name);
}

/**
 * onSigned(name) is called once the cookie's signature holds, before the lookups: the caller may
 * start reading the paper meanwhile (nothing of it reaches the client unless this gate lets it in).
 */
export async function authenticateCollab(services: AppServices, sql: SqlTx, req: IncomingMessage, onSigned?: (paperId: string) => void): Promise<GateResult> {
  const doc = docFromUrl(req.url);
  if (!doc) return { ok: false, status: 400, message: "Bad paper id" };
  const { paperId } = doc;
  const sessionId = await sessionIdFromCookieHeader(services, req.headers.cookie);
  if (!sessionId) return { ok: false, status: 401, message: "Sign in first" };
  // Both lookups at once (opening a paper waits on this gate); the paper's is a primary-key read, and
  // nothing of it is used unless the session holds. Plain SQL: no ORM work on the broadcast thread, and
  // both are queued before the paper's own read, which onSigned starts (the embedded database answers in order).
  const lookups = Promise.all([
    userForSession(sql, sessionId),
    sql.query(`SELECT "conferenceId" FROM "Paper" WHERE "id" = $1`, [paperId]) as Promise<{ conferenceId: string }[]>,
  ]);
  onSigned?.(doc.name);
  const [user, papers] = await lookups;
  if (!user) return { ok: false, status: 401, message: "Sign in first" };
  const paper = papers[0];
  // Unknown paper and foreign paper look the same to the caller.
  if (!paper || !may(user, "paper.read", { conferenceId: paper.conferenceId })) {
    return { ok: false, status: paper ? 403 : 404, message: paper ? "Not allowed to open this paper" : "No such paper" };
  }
  const writeAction = writeActionFor(doc);
  const readOnly = !may(user, writeAction, { conferenceId: paper.conferenceId });
  // The session id stays with the connection so that it can be asked again (reauth.ts).
  return { ok: true, user, sessionId, paperId: doc.name, doc, conferenceId: paper.conferenceId, readOnly, writeAction };
}
