// Wires the Yjs endpoint onto the shared HTTP server. Upgrades on other paths (socket.io, Vite HMR)
// are left alone for their own listeners.
import type { Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { Redis } from "ioredis";
import type { AppServices } from "../../app/services.server.js";
import { authenticateCollab, COLLAB_PREFIX } from "./auth.js";

export interface Collab {
  close(): Promise<void>;
}

function refuse(socket: Duplex, status: number, message: string) {
  const reason = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found" }[status] ?? "Error";
  const body = JSON.stringify({ error: { code: reason.toLowerCase().replace(/ /g, "_"), message } });
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

export function attachCollab(server: Server, services: AppServices, _redis: Redis | null): Collab {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 2 * 1024 * 1024 });
  server.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith(COLLAB_PREFIX)) return;
    socket.on("error", () => socket.destroy());
    authenticateCollab(services, req).then(
      (gate) => {
        if (!gate.ok) return refuse(socket, gate.status, gate.message);
        wss.handleUpgrade(req, socket, head, (ws) => {
          // The document protocol is attached in the co-drafting work (server/collab/room.ts).
          ws.close(1013, "collaboration not available yet");
        });
      },
      (err) => {
        services.log.error({ err }, "collab gate failed");
        refuse(socket, 400, "Could not open the paper");
      },
    );
  });
  return {
    async close() {
      for (const ws of wss.clients) ws.close(1001, "server shutting down");
      wss.close();
    },
  };
}
