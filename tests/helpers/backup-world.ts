// A seeded demo conference with at least one row in every table a backup holds, every column type
// exercised (bytea, bigint, Json, arrays, dates), and rows a backup must leave out: another conference,
// sessions, API tokens.
import { readFileSync } from "node:fs";
import type { PrismaClient } from "@prisma/client";
import * as Y from "yjs";
import { seedDemo } from "../../prisma/seed.js";
import { appendSections, paperText } from "../../app/domain/paper-doc.js";
import { blockField, setFragmentText, translationDocFrom, translationDocName } from "../../app/domain/translation-doc.js";
import type { SqlTx } from "../../server/db/migrate.js";
import { backupTables } from "../../server/backup/conference.js";

// Raw SQL, not audit(): the shared Prisma client may be generated from another branch's AuditEvent.
const audit = (sql: SqlTx, actorId: string | null, action: string, subjectType: string, subjectId: string, data?: object) =>
  sql.query(`INSERT INTO "AuditEvent" ("actorId", action, "subjectType", "subjectId", data) VALUES ($1, $2, $3, $4, $5::jsonb)`, [actorId, action, subjectType, subjectId, data ? JSON.stringify(data) : null]);

export async function seedBackupWorld(prisma: PrismaClient, sql: SqlTx) {
  await seedDemo(prisma);
  const conf = await prisma.conference.findFirstOrThrow();
  const organizer = await prisma.user.findUniqueOrThrow({ where: { email: "organizer@example.org" } });
  const force = await prisma.force.findFirstOrThrow({ where: { conferenceId: conf.id }, include: { contacts: true, invitations: true } });
  const paper = await prisma.paper.findFirstOrThrow({ where: { conferenceId: conf.id }, include: { snapshots: true } });

  // A paper edit in the update log, on top of the seeded snapshot.
  const doc = new Y.Doc();
  Y.applyUpdate(doc, paper.snapshots[0]!.state);
  const before = Y.encodeStateVector(doc);
  appendSections(doc, [{ title: "قسم أضيف بعد النسخة", paragraphs: ["فقرة جديدة ✓ with English"] }]);
  await prisma.paperUpdate.create({ data: { paperId: paper.id, data: Buffer.from(Y.encodeStateAsUpdate(doc, before)), userId: organizer.id } });

  const amendment = await prisma.amendment.create({
    data: {
      paperId: paper.id,
      forceId: force.id,
      type: "REPLACE",
      state: "SUBMITTED",
      anchorStart: Buffer.from([0, 1, 2, 255]),
      anchorEnd: Buffer.from([9, 8, 7]),
      stateVector: Buffer.from(Y.encodeStateVector(doc)),
      quotedText: "نص مقتبس",
      proposedText: "نص مقترح",
      rationale: "سبب",
      createdById: organizer.id,
      submittedById: organizer.id,
      submittedAt: new Date("2026-12-01T10:11:12.345Z"),
      events: { create: { actorId: organizer.id, fromState: "DRAFT", toState: "SUBMITTED", data: { fields: ["proposedText"], nested: { n: 1, ok: true, none: null } } } },
      comments: { create: [{ authorId: organizer.id, body: "ملاحظة داخلية", internal: true }] },
    },
  });
  const invitation = force.invitations[0] ?? (await prisma.invitation.create({ data: { conferenceId: conf.id, forceId: force.id } }));
  const member = await prisma.delegationMember.create({ data: { invitationId: invitation.id, name: "عضو الوفد", contact: "+963 900 000 000", needsVisa: true } });
  // The conference day (ADR 0053): a checked-in delegate and a vote with the force's ballot.
  await prisma.attendance.create({ data: { invitationId: invitation.id, delegationMemberId: member.id, checkedInById: organizer.id } });
  await prisma.vote.create({
    data: { conferenceId: conf.id, subject: "AMENDMENT", amendmentIds: [amendment.id], question: "هل تُقبل المادة؟", options: ["YES", "NO", "ABSTAIN"], openedById: organizer.id, ballots: { create: { forceId: force.id, option: "YES", castById: organizer.id } } },
  });
  // The agenda (ADR 0054): a session with the amendment on the floor.
  const agendaSession = await prisma.agendaSession.create({
    data: { conferenceId: conf.id, title: "الجلسة الأولى", day: new Date("2026-12-10"), startsAt: "09:00", endsAt: "12:00", room: "القاعة", chair: "الرئيس", position: 0 },
  });
  const agendaItem = await prisma.agendaItem.create({ data: { sessionId: agendaSession.id, position: 0, kind: "AMENDMENT", title: "تعديل", refId: amendment.id, status: "CURRENT" } });
  await prisma.conference.update({ where: { id: conf.id }, data: { currentAgendaItemId: agendaItem.id } });
  await prisma.outreachEntry.create({
    data: { conferenceId: conf.id, forceId: force.id, contactId: force.contacts[0]?.id, occurredOn: new Date("2026-11-30"), channel: "MEETING", summary: "لقاء", createdById: organizer.id },
  });
  await prisma.delegateLink.create({ data: { conferenceId: conf.id, forceId: force.id, personName: "مندوب", tokenHash: "h-" + force.id, expiresAt: new Date(Date.now() + 86400_000), createdById: organizer.id } });
  await prisma.user.update({ where: { id: organizer.id }, data: { totpSecret: "sealed-secret", totpConfirmedAt: new Date(), recoveryCodes: { create: [{ codeHash: "rc-hash" }] } } });
  await prisma.paperTextIndex.create({ data: { paperId: paper.id, watermark: "x:1" } });
  await prisma.paperTextBlock.create({ data: { paperId: paper.id, position: 0, kind: "heading", sectionIndex: 0, text: "عنوان", blockId: "b-heading" } });
  await prisma.paperTranslation.create({ data: { paperId: paper.id, blockId: "b-heading", language: "en", text: "Title", sourceText: "عنوان", updatedById: organizer.id } });
  // Its live document (ADR 0074): a snapshot and an update after it.
  const translation = translationDocFrom([{ blockId: "b-heading", text: "Title" }]);
  const docId = translationDocName(paper.id, "en");
  await prisma.translationSnapshot.create({ data: { docId, paperId: paper.id, state: Buffer.from(Y.encodeStateAsUpdate(translation)), upToUpdate: 0n } });
  const translated = Y.encodeStateVector(translation);
  setFragmentText(translation.getXmlFragment(blockField("b-heading")), "The title");
  await prisma.translationUpdate.create({ data: { docId, paperId: paper.id, data: Buffer.from(Y.encodeStateAsUpdate(translation, translated)), userId: organizer.id } });
  await audit(sql, organizer.id, "member.add", "Conference", conf.id, { note: "من الاختبار" });
  await sql.query(`INSERT INTO "PersonKey" ("kind", "personId", "key") VALUES ('user', $1, $2)`, [organizer.id, Buffer.alloc(32, 7)]);
  await audit(sql, null, "amendment.submit", "Amendment", amendment.id);
  // Mail and notifications (ADR 0049): a sent letter with its calendar, a template, a notice, a preference.
  await prisma.outboxMail.create({
    data: { id: "mail-1", conferenceId: conf.id, kind: "invitation.letter", toAddress: "contact@example.org", toName: "جهة اتصال", locale: "ar", subject: "دعوة", text: "نص", html: "<p dir=\"rtl\">نص</p>", attachments: [{ filename: "invitation.ics", contentType: "text/calendar", content: "BEGIN:VCALENDAR" }], messageId: "<mail-1@test>", state: "SENT", attempts: 1, sentAt: new Date("2026-12-01T08:00:00.000Z") },
  });
  await prisma.mailTemplate.create({ data: { conferenceId: conf.id, kind: "notification", locale: "ar", subject: "{{title}}", body: "{{body}}", updatedById: organizer.id } });
  await prisma.notification.create({ data: { userId: organizer.id, conferenceId: conf.id, kind: "amendment.submitted", params: { force: "قوة" }, link: `/amendments/${amendment.id}` } });
  await prisma.notificationPreference.create({ data: { userId: organizer.id, kind: "amendment.submitted", channel: "DIGEST" } });
  await prisma.conference.update({ where: { id: conf.id }, data: { timeZone: "Asia/Damascus", venue: "قاعة المؤتمرات", reminderDays: [10, 3] } });

  // Outside the backup: credentials of this server, and another conference with its own member.
  await prisma.session.create({ data: { id: "s-hash", userId: organizer.id, expiresAt: new Date(Date.now() + 86400_000) } });
  await prisma.apiToken.create({ data: { userId: organizer.id, name: "tok", tokenHash: "t-hash", expiresAt: new Date(Date.now() + 86400_000) } });
  const other = await prisma.conference.create({ data: { slug: "other", nameAr: "مؤتمر آخر", city: "الرقة" } });
  const stranger = await prisma.user.create({ data: { email: "stranger@example.org", name: "غريب", memberships: { create: { conferenceId: other.id, role: "ORGANIZER" } } } });
  await prisma.force.create({ data: { conferenceId: other.id, kind: "PARTY", nameAr: "حزب آخر", nameKey: "x", region: "ABROAD" } });
  await audit(sql, stranger.id, "member.add", "Conference", other.id);

  return { conf, paper, text: paperText(doc), otherId: other.id, strangerId: stranger.id };
}

/** Every backup table's rows of the conference as PostgreSQL's JSON, ordered like the backup. */
export async function tableDump(sql: SqlTx, conferenceId: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of backupTables) {
    const rows = await sql.query(`SELECT to_jsonb(t) AS r FROM "${t.name}" t WHERE ${t.where} ORDER BY ${t.orderBy ?? "id"}`, [conferenceId]);
    out[t.name] = rows.map((x) => (typeof x.r === "string" ? JSON.parse(x.r) : x.r));
  }
  return out;
}

/** The paper's text: latest snapshot plus the updates after it. */
export async function storedPaperText(prisma: PrismaClient, paperId: string): Promise<string> {
  const doc = new Y.Doc();
  const snap = await prisma.paperSnapshot.findFirst({ where: { paperId }, orderBy: { upToUpdate: "desc" } });
  if (snap) Y.applyUpdate(doc, snap.state);
  for (const u of await prisma.paperUpdate.findMany({ where: { paperId, id: { gt: snap?.upToUpdate ?? 0n } }, orderBy: { id: "asc" } })) Y.applyUpdate(doc, u.data);
  return paperText(doc);
}

/**
 * Whether the generated Prisma client (node_modules, shared by the worktrees) was generated from another
 * schema than this checkout's: then prisma.auditEvent (audit()) fails here for reasons outside this code.
 */
export function prismaClientDrift(): string | null {
  const model = (text: string, name: string) => (text.match(new RegExp(`model ${name} \\{[^}]*\\}`))?.[0] ?? "").replace(/\/\/.*$/gm, "").replace(/\s+/g, " ");
  const ours = readFileSync("prisma/schema.prisma", "utf8");
  const generated = readFileSync("node_modules/.prisma/client/schema.prisma", "utf8");
  const differ = [...ours.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]!).filter((name) => model(ours, name) !== model(generated, name));
  return differ.length ? `the generated Prisma client differs from prisma/schema.prisma in ${differ.join(", ")}: regenerate it for this checkout (node scripts/prisma-generate.mjs)` : null;
}
