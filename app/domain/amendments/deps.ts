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
  /** Where mail points: letters and notices by mail (ADR 0049, 0051); without it no mail is written (a mail-now notice waits for the digest). */
  mail?: MailContext;
}
