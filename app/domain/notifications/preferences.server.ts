// How each member wants each kind of notice (issue 18): in-app only, mail at once, a daily digest, or
// not at all. No row means the kind's default (kinds.ts); saving the default removes the row.
import type { NotificationChannel, PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { Actor } from "~/policy";
import { recordAudit, type AuditMeta } from "../audit.server";
import { assertMay, parseInput } from "../errors";
import { channels, kindNames, notificationKinds, type NotificationKind } from "./kinds";
import { defaultChannel } from "./notify.server";

export type Preferences = Record<NotificationKind, NotificationChannel>;

export async function getPreferences(prisma: PrismaClient, actor: Actor, conferenceId: string): Promise<Preferences> {
  assertMay(actor, "notification.read", { conferenceId });
  const rows = await prisma.notificationPreference.findMany({ where: { userId: actor.id } });
  const chosen = new Map(rows.map((r) => [r.kind, r.channel]));
  return Object.fromEntries(kindNames.map((k) => [k, chosen.get(k) ?? defaultChannel(k)])) as Preferences;
}

/** Known kinds only, each a known channel: anything else is refused whole (400) and nothing is saved. */
const preferencesInput = z.partialRecord(z.enum(kindNames), z.enum(channels));

/** Saves the kinds given (the others keep theirs); returns the preferences as they now stand. */
export async function setPreferences(prisma: PrismaClient, actor: Actor, conferenceId: string, input: unknown, meta: AuditMeta = {}): Promise<Preferences> {
  assertMay(actor, "notification.read", { conferenceId });
  const data = parseInput(preferencesInput, input, "The preferences");
  const before = await getPreferences(prisma, actor, conferenceId);
  const changed = (Object.entries(data) as [NotificationKind, NotificationChannel][]).filter(([k, c]) => c !== before[k]);
  if (changed.length) {
    await prisma.$transaction(async (tx) => {
      for (const [kind, channel] of changed) {
        if (channel === notificationKinds[kind].channel) await tx.notificationPreference.deleteMany({ where: { userId: actor.id, kind } });
        else await tx.notificationPreference.upsert({ where: { userId_kind: { userId: actor.id, kind } }, create: { userId: actor.id, kind, channel }, update: { channel } });
      }
      await recordAudit(tx, { actorId: actor.id, action: "notifications.preferences", subjectType: "User", subjectId: actor.id, data: { changed: Object.fromEntries(changed) }, conferenceId, ip: meta.ip });
    });
  }
  return { ...before, ...Object.fromEntries(changed) };
}
