// Re-authorisation of open socket.io sockets (ADR 0025), the counterpart of server/collab/reauth.ts.
// A socket joined its conference rooms when it subscribed; when its account's access changes, this
// instance asks again with the socket's own session: no session → the socket is told and disconnected;
// otherwise it leaves every conference room its user may no longer be in (roomsFor), and its cached
// user is replaced, so a later `subscribe` is answered from the new memberships.
import type { Server, Socket } from "socket.io";
import type { Logger } from "pino";
import type { SqlQuery } from "../../app/services.server.js";
import type { SessionUser } from "../../app/domain/accounts.server.js";
import { rooms, roomsFor, userForSession } from "../../app/server-exports.server.js";
import { inChunks, RecentSignals, SWEEP_CHUNK } from "../collab/reauth.js";

/**
 * The room every socket of an account joins on connection: this instance finds them by account here, and
 * the bell's notices reach them through it (rooms.user, across instances with Redis). It names no
 * conference, so a re-authorisation keeps it; a socket whose session ended is disconnected, leaving it.
 */
export const userRoom = (userId: string) => rooms.user(userId);
/** Sent before a socket whose session ended is disconnected, so the page can say why. */
export const SESSION_ENDED = "session.ended";

/** Every socket's session is asked again this often, signal or not (sessions expire and go idle silently). */
export const SOCKET_SWEEP_MS = 5 * 60_000;

/** The accounts with a socket on this instance, for the sweep. */
const connectedUsers = (io: Server) => [...new Set([...io.of("/").sockets.values()].map((s) => (s.data.user as SessionUser).id))];

export class SocketReauth {
  private readonly recent = new RecentSignals();

  constructor(
    private readonly io: Server,
    private readonly sql: SqlQuery,
    private readonly log: Logger,
  ) {}

  /** These accounts' access changed. */
  check(userIds: string[]): Promise<void> {
    this.recent.note(userIds);
    return reauthoriseSockets(this.io, this.sql, this.log, userIds, Infinity);
  }

  /** A socket connected whose session was looked up from `lookedUpAt`: asked again if a signal came since. */
  admit(socket: Socket, lookedUpAt: number) {
    const userId = (socket.data.user as SessionUser).id;
    void socket.join(userRoom(userId));
    if (this.recent.since(userId, lookedUpAt)) void this.check([userId]);
  }

  sweep(): Promise<void> {
    return reauthoriseSockets(this.io, this.sql, this.log, connectedUsers(this.io), SWEEP_CHUNK);
  }
}

const conferenceOf = (room: string) => /^conf:([^:]+):/.exec(room)?.[1];

async function reauthoriseSockets(io: Server, sql: SqlQuery, log: Logger, userIds: string[], chunk: number): Promise<void> {
  const sockets: Socket[] = [];
  for (const id of new Set(userIds)) {
    // This instance's sockets only: every instance hears the signal and checks its own.
    for (const sid of io.of("/").adapter.rooms.get(userRoom(id)) ?? []) {
      const s = io.of("/").sockets.get(sid);
      if (s) sockets.push(s);
    }
  }
  await inChunks(sockets, chunk, async (socket) => {
    let user: SessionUser | null;
    try {
      user = await userForSession(sql, socket.data.sessionId as string, { touch: false });
    } catch (err) {
      log.error({ err }, "realtime: re-authorisation lookup failed");
      return;
    }
    if (!user) {
      socket.emit(SESSION_ENDED);
      socket.disconnect(true);
      return;
    }
    socket.data.user = user;
    const allowed = new Set<string>();
    for (const room of socket.rooms) {
      const conferenceId = conferenceOf(room);
      if (!conferenceId) continue;
      if (!allowed.has(room)) for (const r of roomsFor(user, conferenceId)) allowed.add(r);
      if (!allowed.has(room)) void socket.leave(room);
    }
  });
}
