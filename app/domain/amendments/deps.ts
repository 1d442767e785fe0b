// What the amendment operations need from the outside: the database, the paper store and the bus.
import type { PrismaClient } from "@prisma/client";
import type { PaperStore, Realtime } from "~/services.server";

export interface AmendmentDeps {
  prisma: PrismaClient;
  papers: PaperStore;
  realtime?: Realtime;
  now?: () => Date;
  /** The client's address, for the audit trail (ADR 0032). */
  ip?: string | null;
}
