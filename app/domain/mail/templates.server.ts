// Mail wording (issue 18): a conference's own template for a kind and language (MailTemplate), else the
// built-in one (app/i18n/areas/mail.ts). Templates are plain text with {{placeholders}}; the HTML part is
// made from the filled text (escaped, paragraphs, the language's direction), so no template can inject markup.
import type { Locale, Prisma, PrismaClient } from "@prisma/client";
import { catalogues, dirOf } from "~/i18n";
import { LINK_MARK } from "./outbox.server";
import { catalogueKeyOf } from "./kinds";

export { catalogueKeyOf } from "./kinds";

type Db = PrismaClient | Prisma.TransactionClient;

/** The kinds of mail with a template, and the placeholders each may use. */
export const mailTemplateKinds = {
  notification: ["conference", "title", "body", "link", "preferencesLink", "name"],
  // To a force's contacts (app/domain/mail/letters.server.ts): the letter when its invitation is SENT.
  "invitation.letter": ["force", "contactName", "conference", "city", "venue", "place", "startsOn", "endsOn", "deadline", "seats", "link", "organizerNote"],
  // To a force that has not answered, N days before its confirmation deadline (reminders.server.ts).
  "invitation.reminder": ["force", "contactName", "conference", "deadline", "daysLeft", "link"],
  // To each organizer, once a day, when invitations are past their deadline without an answer.
  "invitation.overdueDigest": ["name", "conference", "count", "list", "link"],
  // To the contacts of every confirmed force when the committee publishes its decisions.
  "decisions.published": ["force", "contactName", "conference", "link", "accepted", "rejected", "forceAccepted", "forceRejected"],
  // To each member of a confirmed delegation with a mail address: their check-in code and its QR (ADR 0058).
  "checkin.code": ["name", "force", "conference", "code", "link"],
  // The daily digest of notices (ADR 0051): how many, the list (one title and link a notice), the page.
  digest: ["conference", "name", "count", "items", "link", "preferencesLink"],
} as const satisfies Record<string, readonly string[]>;
export type MailTemplateKind = keyof typeof mailTemplateKinds;
export const isMailTemplateKind = (s: unknown): s is MailTemplateKind => typeof s === "string" && Object.hasOwn(mailTemplateKinds, s);

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;

/** The placeholders a template uses that its kind does not know (checked when organizers save one). */
export function unknownPlaceholders(kind: MailTemplateKind, template: string): string[] {
  const known = new Set<string>(mailTemplateKinds[kind]);
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((p) => !known.has(p)))];
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (_m, name: string) => values[name] ?? "");
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Plain text → HTML: escaped, links clickable (the sealed-link mark included), paragraphs, the language's direction. */
export function htmlOf(text: string, locale: Locale, subject: string): string {
  const dir = dirOf(locale);
  const linkify = (s: string) =>
    escapeHtml(s).replace(/(https?:\/\/[^\s<]+|\[\[link\]\])/g, (u) => `<a href="${u}" dir="ltr">${u}</a>`);
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 1em">${linkify(p).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
  const font = dir === "rtl" ? "Tahoma, 'Noto Naskh Arabic', Arial, sans-serif" : "Arial, sans-serif";
  return `<!doctype html><html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body dir="${dir}" style="font-family:${font};text-align:${dir === "rtl" ? "right" : "left"};line-height:1.6">\n${paragraphs}\n</body></html>`;
}

/** The wording a kind has in a language when the conference wrote none of its own. */
export function builtInTemplate(kind: MailTemplateKind, locale: Locale): { subject: string; body: string } | undefined {
  return (catalogues[locale] as unknown as { mail: { templates: Record<string, { subject: string; body: string }> } }).mail.templates[catalogueKeyOf(kind)];
}

/** The conference's wording of a kind in a language, else the built-in one. */
export async function templateOf(db: Db, conferenceId: string | null, kind: MailTemplateKind, locale: Locale): Promise<{ subject: string; body: string; custom: boolean }> {
  if (conferenceId) {
    const own = await db.mailTemplate.findUnique({ where: { conferenceId_kind_locale: { conferenceId, kind, locale } } });
    if (own) return { subject: own.subject, body: own.body, custom: true };
  }
  const builtIn = builtInTemplate(kind, locale);
  if (!builtIn) throw new Error(`No built-in ${kind} mail in ${locale}`);
  return { subject: builtIn.subject, body: builtIn.body, custom: false };
}

/** Fills a kind's template for one recipient. Values are plain text; a line break in the subject becomes a space. */
export async function composeMail(db: Db, input: { conferenceId: string | null; kind: MailTemplateKind; locale: Locale; values: Record<string, string> }): Promise<ComposedMail> {
  return fillTemplate(await templateOf(db, input.conferenceId, input.kind, input.locale), input.locale, input.values);
}

/** A template already read (a job writing many mails of one kind reads it once), filled for one recipient. */
export function fillTemplate(tpl: { subject: string; body: string }, locale: Locale, values: Record<string, string>): ComposedMail {
  const subject = fill(tpl.subject, values).replace(/[\r\n]+/g, " ").trim();
  // A placeholder left empty (a letter without a note) leaves no gap of blank lines behind.
  const text = fill(tpl.body, values).replace(/\n{3,}/g, "\n\n");
  return { subject, text, html: htmlOf(text, locale, subject) };
}
