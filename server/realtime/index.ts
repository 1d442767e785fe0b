// socket.io: authenticated from the session cookie; a socket joins the rooms its user may read.
// With Redis, events fan out across instances through @socket.io/redis-adapter.
import type { Server as HttpServer, IncomingMessage } from "node:http";
import { Server } from "socket.io";
import { createAdapter } from "@socket.io/redis-adapter";
import type { Redis } from "ioredis";
import type { AppServices, Realtime } from "../../app/services.server.js";
import { may, roomsFor, sessionIdFromCookieHeader, userForSession } from "../../app/server-exports.server.js";
import type { AccessBus } from "../collab/bus.js";
import { SocketReauth, SOCKET_SWEEP_MS } from "./reauth.js";
import { registerInvitationHandlers } from "./invitations.js";
import proxyaddr from "proxy-addr";
import type { TrustProxyFn } from "../edge.js";

export interface RealtimeServer extends Realtime {
  io: Server;
  close(): Promise<void>;
}

/** `foreignOrigin`: true for a handshake a browser sends from another origin (server/edge.ts). */
export async function attachRealtime(
  server: HttpServer,
  services: AppServices,
  redis: Redis | null,
  foreignOrigin: (req: IncomingMessage) => boolean = () => false,
  access?: AccessBus,
  /** Express's compiled `trust proxy`, so a socket's address is the client's as for HTTP requests. */
  trust: TrustProxyFn = () => false,
): Promise<RealtimeServer> {
  const io = new Server(server, {
    path: "/socket.io",
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
    // engine.io ends every other upgrade nobody answered within this time; the Yjs gate (/collab) answers
    // after a database lookup, which on a loaded machine can take more than engine.io's default 1 s.
    destroyUpgradeTimeout: 30_000,
    // Another site's page must not open a socket with the visitor's cookie (cross-site websocket hijacking).
    allowRequest: (req, callback) => (foreignOrigin(req) ? callback("Connect from this site's own pages", false) : callback(null, true)),
  });
  let pub: Redis | undefined, sub: Redis | undefined;
  if (redis) {
    pub = redis.duplicate();
    sub = redis.duplicate();
    io.adapter(createAdapter(pub, sub, { key: process.env.REDIS_PREFIX ? `${process.env.REDIS_PREFIX}:socket.io` : "tawafuq:socket.io" }));
  }

  io.use(async (socket, next) => {
    try {
      socket.data.lookedUpAt = Date.now();
      const sessionId = await sessionIdFromCookieHeader(services, socket.handshake.headers.cookie);
      const user = sessionId ? await userForSession(services.sql, sessionId) : null;
      if (!user) return next(new Error("unauthenticated"));
      socket.data.user = user;
      // Kept to ask again when the account's access changes (reauth.ts).
      socket.data.sessionId = sessionId;
      next();
    } catch (err) {
      next(err as Error);
    }
  });

  const reauth = new SocketReauth(io, services.sql, services.log);
  access?.subscribe((userIds) => void reauth.check(userIds));
  const sweep = setInterval(() => void reauth.sweep(), SOCKET_SWEEP_MS);
  sweep.unref();

  io.on("connection", (socket) => {
    // Joins the socket to its own account's room (rooms.user): notices for the bell arrive there unasked.
    reauth.admit(socket, socket.data.lookedUpAt as number);
    // Subscriptions are asked for explicitly and checked by the policy module.
    socket.on("subscribe", (conferenceId: unknown, ack?: (r: unknown) => void) => {
      // The user as last (re-)authorised: reauth.ts replaces it when the account's access changes.
      const user = socket.data.user;
      if (typeof conferenceId !== "string" || !may(user, "conference.read", { conferenceId })) {
        ack?.({ ok: false, error: "forbidden" });
        return;
      }
      const rooms = roomsFor(user, conferenceId);
      void socket.join(rooms);
      ack?.({ ok: true, rooms });
    });
    registerInvitationHandlers(socket, services, proxyaddr(socket.request, trust));
  });

  return {
    io,
    emit(room, event, payload) {
      io.to(room).emit(event, payload);
    },
    async close() {
      clearInterval(sweep);
      io.disconnectSockets(true);
      await new Promise<void>((r) => io.close(() => r()));
      await Promise.all([pub?.quit().catch(() => {}), sub?.quit().catch(() => {})]);
    },
  };
}
