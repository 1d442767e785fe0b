// Wires the Yjs endpoint onto the shared HTTP server (ADR 0010, 0011): the gate (auth.ts) answers the
// upgrade, each socket becomes a CollabConnection on its paper's PaperRoom (rooms.ts), accepted changes
// go to the write-behind log (persistence.ts) and, with Redis, to the other instances (bus.ts).
// Upgrades on other paths (socket.io, Vite HMR) are left alone for their own listeners.
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Redis } from "ioredis";
import type { AppServices, PaperStore, TranslationDocStore } from "../../app/services.server.js";
import { authenticateCollab, COLLAB_PREFIX } from "./auth.js";
import { collabOptions, CloseCode, type CollabOptions } from "./options.js";
import type { SqlRunner } from "../db/migrate.js";
import { PaperPersistence } from "./persistence.js";
import { localBus, redisBus, type AccessBus } from "./bus.js";
import { CollabReauth } from "./reauth.js";
import { PaperRooms, type Reservation } from "./rooms.js";
import { CollabConnection } from "./connection.js";
import { createPaperStore } from "./paper-store.js";
import { createTranslationStore } from "./translation-store.js";
import { TranslationWrites } from "./translation-writes.js";
import { parseDocName } from "./docs.js";
import { ensureDailyVersion } from "../../app/server-exports.server.js";

export interface Collab {
  papers: PaperStore;
  translations: TranslationDocStore;
  /** Open papers and connections, for health checks and the benchmark. */
  stats(): { papers: number; connections: number; queuedUpdates: number; compactions: number };
  isOpen(paperId: string): boolean;
  close(): Promise<void>;
}

const HEARTBEAT_MS = 30_000;
const GATE_TIMEOUT_MS = 20_000;

function refuse(socket: Duplex, status: number, message: string) {
  const reason = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 503: "Service Unavailable" }[status] ?? "Error";
  const body = JSON.stringify({ error: { code: reason.toLowerCase().replace(/ /g, "_"), message } });
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** `foreignOrigin`: true for an upgrade a browser sends from another origin (server/edge.ts). */
export function attachCollab(
  server: Server,
  services: AppServices,
  redis: Redis | null,
  overrides: Partial<CollabOptions>,
  sql: SqlRunner,
  foreignOrigin: (req: IncomingMessage) => boolean = () => false,
  access?: AccessBus,
): Collab {
  const options = collabOptions(overrides);
  const log = services.log;
  const reauth = new CollabReauth(sql, log);
  access?.subscribe((userIds) => void reauth.check(userIds));
  const persistence = new PaperPersistence(log, options, sql);
  const bus = redis ? redisBus(redis, log) : localBus;
  const papers = { current: null as PaperStore | null };
  const dailyChecks = new Set<Promise<void>>();
  const writes = { current: null as TranslationWrites | null };
  const rooms = new PaperRooms({
    persistence,
    bus,
    options,
    log,
    // Cheap after the first change of a UTC day (memo per process, advisory lock across instances).
    // Kept until settled: shutdown waits for them before the fold thread and the database close.
    onPersisted: (paperId) => {
      if (parseDocName(paperId)?.kind !== "paper") return;
      const check = ensureDailyVersion({ prisma: services.prisma, papers: papers.current! }, paperId)
        .then(() => undefined, (err) => log.warn({ err, paperId }, "collab: daily version failed"))
        .finally(() => dailyChecks.delete(check));
      dailyChecks.add(check);
    },
    onLocalChange: (room, transaction, writers) => writes.current!.changed(room, transaction, writers),
  });
  writes.current = new TranslationWrites({ services, sql, rooms, log, delayMs: options.translationWriteDelayMs });
  papers.current = createPaperStore(rooms, persistence);
  // Connections are tracked in `connections`; ws's own set would only duplicate it.
  // No permessage-deflate: papers' updates are small, and broadcasts are written pre-framed (wire.ts).
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false, clientTracking: false });
  const connections = new Set<CollabConnection>();
  const alive = new WeakSet<WebSocket>();
  let closing = false;
  let paused = false;

  // Backpressure: while the write queue is over its bounds, stop reading from clients.
  const throttle = () => {
    if (paused || !persistence.saturated) return;
    paused = true;
    log.warn({ queued: persistence.pending }, "collab: write queue full, pausing clients");
    for (const c of connections) c.ws.pause();
    void persistence.whenDrained().then(() => {
      paused = false;
      for (const c of connections) c.ws.resume();
    });
  };

  const onConnection = (
    ws: WebSocket,
    socket: Duplex,
    gate: { user: { id: string; name: string }; sessionId: string; paperId: string; conferenceId: string; readOnly: boolean; writeAction: "paper.edit" | "paper.translate" },
    reservation: Reservation,
    gateStartedAt: number,
  ) => {
    // Only what the connection needs of the session user (an idle connection should stay small).
    const conn = new CollabConnection(ws, socket, { id: gate.user.id, name: gate.user.name }, gate.paperId, gate.readOnly, options, log, {
      sessionId: gate.sessionId,
      conferenceId: gate.conferenceId,
      writeAction: gate.writeAction,
    });
    connections.add(conn);
    reauth.track(conn, gateStartedAt);
    alive.add(ws);
    ws.on("pong", () => alive.add(ws));
    ws.on("message", (data: Buffer, isBinary: boolean) => {
      conn.receive(new Uint8Array(data.buffer, data.byteOffset, data.length), isBinary);
      throttle();
    });
    ws.on("error", (err) => log.debug({ err }, "collab: socket error"));
    ws.on("close", () => {
      conn.closed = true;
      connections.delete(conn);
      reauth.untrack(conn);
      if (conn.room) {
        conn.room.remove(conn);
        rooms.unloadIfIdle(conn.room);
      }
    });
    if (paused) ws.pause();
    reservation.connect((stored) => conn.preload(stored));
    reservation.room.then(
      (room) => {
        if (!room) return conn.close(CloseCode.internalError, "paper not found");
        if (!conn.closed) conn.attach(room);
        else conn.salvage(room);
        reservation.release();
      },
      (err) => {
        log.error({ err, paperId: conn.paperId }, "collab: paper could not be loaded");
        conn.close(CloseCode.internalError, "paper could not be loaded");
      },
    );
  };

  server.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith(COLLAB_PREFIX)) return;
    socket.on("error", () => socket.destroy());
    if (closing) return refuse(socket, 503, "Server shutting down");
    // Another site's page must not open a paper with the visitor's cookie (cross-site websocket hijacking).
    if (foreignOrigin(req)) return refuse(socket, 403, "Open the paper from this site's own pages");
    const gateStartedAt = Date.now();
    // Answer before engine.io gives up on the socket (server/realtime: destroyUpgradeTimeout).
    const slow = new Promise<"slow">((r) => setTimeout(() => r("slow"), GATE_TIMEOUT_MS).unref());
    // A signed cookie starts the paper's load while the session is looked up (rooms.reserve).
    let reservation: Reservation | null = null;
    let turnedAway = false;
    const turnAway = (status: number, message: string) => {
      turnedAway = true;
      reservation?.release();
      refuse(socket, status, message);
    };
    const reserve = (paperId: string) => {
      reservation = rooms.reserve(paperId);
      if (turnedAway) reservation.release(); // the gate answered "slow" before the cookie was read
    };
    Promise.race([authenticateCollab(services, sql, req, reserve), slow]).then(
      (gate) => {
        if (gate === "slow") return turnAway(503, "Try again shortly");
        if (!gate.ok) return turnAway(gate.status, gate.message);
        if (closing) return turnAway(503, "Server shutting down");
        const reserved = reservation ?? rooms.reserve(gate.paperId);
        // Closed before the handshake finished: onConnection never runs. After it, the connection
        // releases the reservation itself (and an idle connection keeps nothing of it).
        const gone = () => reserved.release();
        socket.once("close", gone);
        wss.handleUpgrade(req, socket, head, (ws) => {
          socket.removeListener("close", gone);
          onConnection(ws, socket, gate, reserved, gateStartedAt);
        });
      },
      (err) => {
        log.error({ err }, "collab gate failed");
        turnAway(400, "Could not open the paper");
      },
    );
  });

  // Dead peers (a laptop lid closed, a killed process) do not always close their TCP connection.
  const heartbeat = setInterval(() => {
    for (const c of connections) {
      if (!alive.has(c.ws)) {
        c.ws.terminate();
        continue;
      }
      alive.delete(c.ws);
      c.ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  // Sessions expire and go idle without a signal (reauth.ts).
  const sweep = setInterval(() => void reauth.sweep(), options.reauthSweepMs);
  sweep.unref();

  return {
    papers: papers.current,
    translations: createTranslationStore(rooms),
    isOpen: (paperId) => !!rooms.get(paperId),
    stats: () => ({ papers: rooms.size, connections: connections.size, queuedUpdates: persistence.pending, compactions: persistence.compacting }),
    async close() {
      closing = true;
      clearInterval(heartbeat);
      clearInterval(sweep);
      for (const c of connections) c.close(CloseCode.goingAway, "server shutting down");
      // Translations' last changes reach their rows while the documents are still open.
      await writes.current!.flush().catch((err) => log.error({ err }, "collab: translations not written through at shutdown"));
      rooms.closeAll();
      await persistence.close(() => Promise.all(dailyChecks));
      for (const c of connections) c.ws.terminate();
      wss.close();
      await bus.close();
    },
  };
}
