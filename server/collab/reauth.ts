// Re-authorisation of open paper connections (ADR 0025), a module of its own like the gate (auth.ts).
// The gate decides once, at the upgrade; when someone's access changes afterwards (sign-out, a session
// ended elsewhere, a password change, a new role, removal, a disabled account) the access bus names the
// account, and every instance asks again, for each of that account's connections, the gate's questions:
// `userForSession` with the connection's own session id, then `may()`. No session → close 4401; may no
// longer read the paper → close 4403; may read but no longer write (edit the paper, or translate it for a
// translation's document) → read-only from now on (its updates
// are dropped like any read-only connection's, ADR 0010).
import type { Logger } from "pino";
import { may, userForSession } from "../../app/server-exports.server.js";
import type { SqlQuery } from "../../app/services.server.js";
import { CloseCode } from "./options.js";

export interface Reauthorisable {
  readonly user: { id: string };
  readonly sessionId: string;
  readonly conferenceId: string;
  /** What lets it write: paper.edit into a paper, paper.translate into a translation (docs.ts). */
  readonly writeAction: "paper.edit" | "paper.translate";
  readOnly: boolean;
  closed: boolean;
  close(code: CloseCode, reason: string): void;
}

/** Signals are remembered this long, for connections whose lookup was answered just before one. */
const RECENT_MS = 60_000;

/**
 * When each account's access last changed (Date.now()). A connection admitted by a lookup that started
 * before then may have been told the old state: it is asked again as it is tracked.
 */
export class RecentSignals {
  private readonly at = new Map<string, number>();

  note(userIds: string[]) {
    const now = Date.now();
    for (const id of userIds) this.at.set(id, now);
    for (const [id, t] of this.at) if (t < now - RECENT_MS) this.at.delete(id);
  }

  since(userId: string, time: number): boolean {
    return (this.at.get(userId) ?? -Infinity) >= time;
  }
}

/**
 * Runs fn over items, `size` at a time: a sweep asks about every open session, and one burst of
 * thousands of lookups would queue ahead of the gates' and the papers' reads on the database runner.
 */
export async function inChunks<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

/** Lookups at a time during a sweep; a signal's few sessions are asked at once. */
export const SWEEP_CHUNK = 16;

export class CollabReauth {
  private readonly byUser = new Map<string, Set<Reauthorisable>>();
  private readonly recent = new RecentSignals();

  constructor(
    private readonly sql: SqlQuery,
    private readonly log: Logger,
  ) {}

  /**
   * A connection was let in by a gate that started at `gateStartedAt`. If its account's access changed
   * since, the gate may have read the old state: ask again.
   */
  track(conn: Reauthorisable, gateStartedAt: number) {
    let set = this.byUser.get(conn.user.id);
    if (!set) this.byUser.set(conn.user.id, (set = new Set()));
    set.add(conn);
    if (this.recent.since(conn.user.id, gateStartedAt)) void this.check([conn.user.id]);
  }

  untrack(conn: Reauthorisable) {
    const set = this.byUser.get(conn.user.id);
    if (!set?.delete(conn)) return;
    if (!set.size) this.byUser.delete(conn.user.id);
  }

  /** These accounts' access changed: re-checks their open connections; resolves when all were answered. */
  check(userIds: string[]): Promise<void> {
    this.recent.note(userIds);
    return this.recheck(userIds, Infinity);
  }

  /**
   * Every open connection, without a signal (options.reauthSweepMs): sessions expire and go idle
   * silently. Not counted as use of the session: a tab left open on an unattended machine still goes idle.
   */
  sweep(): Promise<void> {
    return this.recheck([...this.byUser.keys()], SWEEP_CHUNK);
  }

  private async recheck(userIds: string[], chunk: number): Promise<void> {
    const bySession = new Map<string, Reauthorisable[]>();
    for (const id of new Set(userIds)) {
      for (const conn of this.byUser.get(id) ?? []) {
        const list = bySession.get(conn.sessionId);
        if (list) list.push(conn);
        else bySession.set(conn.sessionId, [conn]);
      }
    }
    await inChunks([...bySession], chunk, async ([sessionId, conns]) => {
      let user;
      try {
        user = await userForSession(this.sql, sessionId, { touch: false });
      } catch (err) {
        // The gate's own lookup failing would refuse the upgrade; an open connection is not cut off
        // for a database hiccup, but the failure is loud.
        this.log.error({ err, userId: conns[0]!.user.id }, "collab: re-authorisation lookup failed");
        return;
      }
      for (const conn of conns) this.apply(conn, user);
    });
  }

  private apply(conn: Reauthorisable, user: Awaited<ReturnType<typeof userForSession>>) {
    if (conn.closed) return;
    const resource = { conferenceId: conn.conferenceId };
    if (!user) return conn.close(CloseCode.signedOut, "signed out");
    if (!may(user, "paper.read", resource)) return conn.close(CloseCode.forbidden, "no longer allowed to open this paper");
    if (!conn.readOnly && !may(user, conn.writeAction, resource)) {
      conn.readOnly = true;
      this.log.info({ userId: conn.user.id }, "collab: connection downgraded to read-only");
    }
  }
}
