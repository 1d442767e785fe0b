// What organizers change about a conference's mail (ADR 0052): its own wording of each kind and
// language (MailTemplate), and the settings letters and reminders read (reminder days, time zone,
// venue). Policy "mail.manage"; validated; every change audited under the conference.
import type { Locale, PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { Actor } from "~/policy";
import { locales } from "~/i18n";
import { recordAudit, type AuditMeta } from "../audit.server";
import { isTimeZone } from "../due-dates";
import { assertMay, DomainError, parseInput } from "../errors";
import { MAIL_LIMITS } from "./outbox.server";
import { isMailTemplateKind, mailTemplateKinds, templateOf, unknownPlaceholders, type MailTemplateKind } from "./templates.server";

export const TEMPLATE_BODY_MAX = 20_000;
export const VENUE_MAX = 300;

const bad = (message: string, fieldErrors: Record<string, string[]>) => new DomainError("bad_request", message, { fieldErrors });

const TemplateInput = z.object({
  kind: z.string().refine(isMailTemplateKind),
  locale: z.enum(locales),
  subject: z.string().trim().min(1).max(MAIL_LIMITS.subject),
  body: z.string().trim().min(1).max(TEMPLATE_BODY_MAX),
});

/** The conference's own wording of one kind in one language; a name its kind does not know is refused. */
export async function saveMailTemplate(prisma: PrismaClient, actor: Actor, conferenceId: string, input: z.input<typeof TemplateInput>, meta: AuditMeta = {}) {
  assertMay(actor, "mail.manage", { conferenceId }, "Only organizers change the conference's mail");
  const t = parseInput(TemplateInput, input, "The template");
  const kind = t.kind as MailTemplateKind;
  // Line breaks in a subject would be folded anyway; refuse them so what is saved is what is sent.
  if (/[\r\n]/.test(t.subject)) throw bad("A subject is one line", { subject: ["invalid"] });
  const unknown = { subject: unknownPlaceholders(kind, t.subject), body: unknownPlaceholders(kind, t.body) };
  if (unknown.subject.length || unknown.body.length) {
    throw new DomainError("bad_request", `Unknown placeholders: ${[...unknown.subject, ...unknown.body].join(", ")}`, {
      reason: "unknownPlaceholders",
      unknown,
      fieldErrors: Object.fromEntries(Object.entries(unknown).filter(([, v]) => v.length).map(([k]) => [k, ["unknownPlaceholder"]])),
    });
  }
  const body = t.body.replace(/\r\n/g, "\n");
  await prisma.$transaction(async (tx) => {
    await tx.mailTemplate.upsert({
      where: { conferenceId_kind_locale: { conferenceId, kind, locale: t.locale } },
      create: { conferenceId, kind, locale: t.locale, subject: t.subject, body, updatedById: actor.id },
      update: { subject: t.subject, body, updatedById: actor.id },
    });
    await recordAudit(tx, { actorId: actor.id, action: "conference.mailTemplate", subjectType: "Conference", subjectId: conferenceId, data: { kind, locale: t.locale }, conferenceId, ip: meta.ip });
  });
}

/** Back to the built-in wording (the conference's row goes). */
export async function resetMailTemplate(prisma: PrismaClient, actor: Actor, conferenceId: string, input: { kind: unknown; locale: unknown }, meta: AuditMeta = {}) {
  assertMay(actor, "mail.manage", { conferenceId }, "Only organizers change the conference's mail");
  const t = parseInput(TemplateInput.pick({ kind: true, locale: true }), input, "The template");
  await prisma.$transaction(async (tx) => {
    await tx.mailTemplate.deleteMany({ where: { conferenceId, kind: t.kind, locale: t.locale } });
    await recordAudit(tx, { actorId: actor.id, action: "conference.mailTemplateReset", subjectType: "Conference", subjectId: conferenceId, data: { kind: t.kind, locale: t.locale }, conferenceId, ip: meta.ip });
  });
}

/** Every kind in every language as the conference sends it now, with the names each may use. */
export async function mailTemplatesOf(prisma: PrismaClient, actor: Actor, conferenceId: string) {
  assertMay(actor, "mail.read", { conferenceId }, "Only organizers read the conference's mail");
  const kinds = Object.keys(mailTemplateKinds) as MailTemplateKind[];
  return Promise.all(
    kinds.map(async (kind) => ({
      kind,
      placeholders: [...mailTemplateKinds[kind]],
      languages: await Promise.all(locales.map(async (locale: Locale) => ({ locale, ...(await templateOf(prisma, conferenceId, kind, locale)) }))),
    })),
  );
}

/** "7, 2" or "7 2" (Arabic comma too) → [7, 2]; one to five different whole days from 1 to 60. */
export function parseReminderDays(raw: string): number[] | null {
  const parts = raw.split(/[\s,،;]+/).filter(Boolean);
  if (!parts.length || parts.length > 5 || !parts.every((p) => /^\d{1,2}$/.test(p))) return null;
  const days = parts.map(Number);
  if (days.some((d) => d < 1 || d > 60) || new Set(days).size !== days.length) return null;
  return days.sort((a, b) => b - a);
}

const SettingsInput = z.object({
  reminderDays: z.string().max(100),
  timeZone: z.string().trim().max(100),
  venue: z.string().trim().max(VENUE_MAX),
});

/** Reminder days, time zone (empty: the office's) and venue (empty: none) of a conference. */
export async function updateMailSettings(prisma: PrismaClient, actor: Actor, conferenceId: string, input: z.input<typeof SettingsInput>, meta: AuditMeta = {}) {
  assertMay(actor, "mail.manage", { conferenceId }, "Only organizers change the conference's mail");
  const s = parseInput(SettingsInput, input, "The mail settings");
  const fieldErrors: Record<string, string[]> = {};
  const reminderDays = parseReminderDays(s.reminderDays);
  if (!reminderDays) fieldErrors.reminderDays = ["invalid"];
  if (s.timeZone && !isTimeZone(s.timeZone)) fieldErrors.timeZone = ["invalid"];
  if (Object.keys(fieldErrors).length) throw bad("The mail settings are not valid", fieldErrors);
  const data = { reminderDays: reminderDays!, timeZone: s.timeZone || null, venue: s.venue || null };
  return prisma.$transaction(async (tx) => {
    const c = await tx.conference.update({ where: { id: conferenceId }, data });
    // The venue is the conference's public address, not a person's: kept in the trail as it is.
    await recordAudit(tx, { actorId: actor.id, action: "conference.mailSettings", subjectType: "Conference", subjectId: conferenceId, data, conferenceId, ip: meta.ip });
    return c;
  });
}
