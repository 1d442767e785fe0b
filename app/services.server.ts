// What the server hands every loader, action and handler (Remix load context). Built once in
// server/index.ts so the Remix bundle and the socket/Yjs adapters share one database and one bus.
import type { PrismaClient } from "@prisma/client";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type * as Y from "yjs";
import type { MailContext } from "~/domain/mail/outbox.server";

/**
 * The working papers' Yjs documents as the collab server holds them (server/collab implements it).
 * Domain code that changes a paper (accepted amendments, version restore) goes through here, so
 * every connected editor sees the change at once and it is persisted like any other update.
 */
export interface PaperStore {
  /** A copy of the paper's current document (live state if loaded, else from the database). */
  read(paperId: string): Promise<Y.Doc>;
  /** Applies fn as one transaction on the live document, with `origin` for attribution. */
  change<T>(paperId: string, origin: string, fn: (doc: Y.Doc) => T): Promise<T>;
}

/**
 * The translations' live documents (ADR 0074), held by the collab server like the papers. A save that
 * did not come from the live editor (a form without JavaScript, the API) goes through here too, so the
 * translators typing in the block see it and the document and the rows agree.
 */
export interface TranslationDocStore {
  /** Makes the block's text in the language's live document `text`, as a change by `author` (a user id). */
  setText(paperId: string, language: "ku" | "en", blockId: string, text: string, author: string): Promise<void>;
}

export interface Realtime {
  /** Sends an event to everyone in a room (per conference, per force…), across instances with Redis. */
  emit(room: string, event: string, payload: unknown): void;
}

/**
 * Re-authorisation of open connections (ADR 0025). Adapters call it after a domain operation that
 * changes what someone may do (sign-out, ended sessions, password, role, membership, disabled account):
 * every instance re-checks that person's open Yjs connections and socket.io sockets.
 */
export interface AccessSignals {
  changed(userIds: string[]): void;
}

/** Plain SQL on the application's database (server/db's runner), one statement at a time. */
export interface SqlQuery {
  query(text: string, params?: unknown[]): Promise<unknown[]>;
}

export interface AppServices {
  prisma: PrismaClient;
  /** Plain SQL on the same database, for the per-request lookups the ORM's overhead would dominate. */
  sql: SqlQuery;
  dbKind: "pglite" | "postgresql";
  redis: boolean;
  /** The shared Redis connection (REDIS_URL), for stores that must hold across instances (sign-in limits). */
  redisClient?: Redis | null;
  version: string;
  sessionSecret: string;
  secureCookies: boolean;
  realtime: Realtime;
  papers: PaperStore;
  /** Set by the collab server (server/app.ts); absent in data-layer tests, which have no live documents. */
  translationDocs?: TranslationDocStore;
  /** Set by the server (server/app.ts); absent in data-layer tests, which have no open connections. */
  access?: AccessSignals;
  /** Links in mail and the key that seals them in the outbox (ADR 0049). */
  mail: MailContext;
  log: Logger;
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    services: AppServices;
  }
}
