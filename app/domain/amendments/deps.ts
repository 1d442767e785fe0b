// What the amendment operations need from the outside: the database, the paper store and the bus.
import type { PrismaClient } from "@prisma/client";
import type { PaperStore, Realtime } from "~/services.server";
import type { MailContext } from "../mail/outbox.server";

export interface AmendmentDeps {
  prisma: PrismaClient;
  papers: PaperStore;
  realtime?: Realtime;
  now?: () => Date;
  /** The client's address, for the audit trail (ADR 0032). */
  ip?: string | null;
  /** Where mail points; without it (data-layer tests) no mail is written. */
  mail?: MailContext;
}
