// What the server hands every loader, action and handler (Remix load context). Built once in
// server/index.ts so the Remix bundle and the socket/Yjs adapters share one database and one bus.
import type { PrismaClient } from "@prisma/client";
import type { Logger } from "pino";

export interface Realtime {
  /** Sends an event to everyone in a room (per conference, per force…), across instances with Redis. */
  emit(room: string, event: string, payload: unknown): void;
}

export interface AppServices {
  prisma: PrismaClient;
  dbKind: "pglite" | "postgresql";
  redis: boolean;
  version: string;
  sessionSecret: string;
  secureCookies: boolean;
  realtime: Realtime;
  log: Logger;
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    services: AppServices;
  }
}
