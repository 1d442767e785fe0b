// What the conference-day commands share: who asks from where and the live bus, and the one query that
// says which forces are present. New tables are read and written in plain SQL (ADR 0053) so the app runs
// on the Prisma client generated before them.
import { Prisma, type PrismaClient } from "@prisma/client";
import type { AuditMeta } from "../audit.server";
import type { Realtime } from "~/services.server";
import type { MailContext } from "../mail/outbox.server";

export type Db = PrismaClient | Prisma.TransactionClient;

export interface DayMeta extends AuditMeta {
  realtime?: Pick<Realtime, "emit">;
  /** Where mail points back to (commandMeta): without it no check-in code is mailed. */
  mail?: MailContext;
}

/** Invitations whose delegation may be in the hall: confirmed, or marked attended by an earlier check-in. */
export const attendingStatuses = Prisma.sql`('CONFIRMED', 'ATTENDED')`;

/** A force is present while a member of its confirmed delegation is checked in. */
export async function presentForceCount(db: Db, conferenceId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(DISTINCT i."forceId")::int AS n FROM "Attendance" a JOIN "Invitation" i ON i.id = a."invitationId"
    WHERE i."conferenceId" = ${conferenceId} AND i.status IN ${attendingStatuses}`;
  return row?.n ?? 0;
}

export async function isForcePresent(db: Db, conferenceId: string, forceId: string): Promise<boolean> {
  const [row] = await db.$queryRaw<{ present: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "Attendance" a JOIN "Invitation" i ON i.id = a."invitationId"
      WHERE i."conferenceId" = ${conferenceId} AND i."forceId" = ${forceId} AND i.status IN ${attendingStatuses}) AS present`;
  return !!row?.present;
}

export const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
