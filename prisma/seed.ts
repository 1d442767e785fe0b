// Demo seed: runs on first start of the embedded database (or with SEED_DEMO=1). Idempotent: does
// nothing when a conference exists already.
import type { PrismaClient } from "@prisma/client";
import { hashPassword } from "../app/domain/accounts.server.js";
import { buildPaperState } from "../app/domain/paper-doc.js";
import { pathTo } from "../app/domain/invitation-status.js";
import { foldArabic, nameKey } from "../app/domain/arabic.js";
import * as demo from "./seed-data/demo.js";

export async function seedDemo(prisma: PrismaClient): Promise<boolean> {
  if (await prisma.conference.count()) return false;
  const passwordHash = await hashPassword(demo.DEMO_PASSWORD);
  const now = Date.now();
  const day = 86400_000;

  await prisma.$transaction(
    async (tx) => {
      const conf = await tx.conference.create({
        data: {
          ...demo.conference,
          phase: "INVITATIONS",
          // The demo's accounts share a published password; a second factor would only stand in the way
          // of trying it. Every new conference requires it (the column's default).
          requireSecondFactor: false,
          startsOn: new Date(now + 45 * day),
          endsOn: new Date(now + 47 * day),
          // The amendment window's first phase (ADR 0061).
          amendmentPhases: { create: { name: "القراءة الأولى", openAt: new Date(now - 2 * day), closeAt: new Date(now + 30 * day) } },
        },
      });
      const forceIds = new Map<string, string>();
      for (const f of demo.forces) {
        const contacts = f.contact ? [f.contact] : [];
        const force = await tx.force.create({
          data: {
            conferenceId: conf.id,
            kind: f.kind,
            nameAr: f.nameAr,
            nameKu: f.nameKu,
            nameEn: f.nameEn,
            nameKey: nameKey(f.nameAr),
            searchText: foldArabic([f.nameAr, f.nameKu, f.nameEn, ...contacts.map((c) => `${c.name} ${c.role}`), f.city, f.country].filter(Boolean).join(" ")),
            region: f.region,
            country: f.country,
            city: f.city,
            isMember: f.isMember,
            isOfficial: f.isOfficial ?? true,
            tags: f.tags ?? [],
            contacts: { create: contacts },
          },
        });
        forceIds.set(f.key, force.id);
      }

      const userIds = new Map<string, string>();
      for (const u of demo.users) {
        const user = await tx.user.create({ data: { email: u.email, name: u.name, passwordHash } });
        userIds.set(u.email, user.id);
        await tx.membership.create({
          data: { userId: user.id, conferenceId: conf.id, role: u.role, forceId: u.forceKey ? forceIds.get(u.forceKey)! : null },
        });
      }
      const organizerId = userIds.get("organizer@example.org")!;

      for (const f of demo.forces) {
        if (!f.invitation) continue;
        const path = pathTo(f.invitation);
        const inv = await tx.invitation.create({
          data: {
            conferenceId: conf.id,
            forceId: forceIds.get(f.key)!,
            status: f.invitation,
            version: path.length,
            seatQuota: f.kind === "PERSONALITY" ? 1 : 3,
            confirmationDeadline: new Date(now + (f.invitation === "SENT" ? -1 : 20) * day),
          },
        });
        // History along the legal path, a day apart, so the timeline reads as it happened.
        let at = now - path.length * day;
        let from: (typeof path)[number] | null = null;
        for (const to of path) {
          await tx.invitationEvent.create({
            data: { invitationId: inv.id, actorId: organizerId, fromStatus: from, toStatus: to, createdAt: new Date((at += day)) },
          });
          from = to;
        }
      }

      await tx.paper.create({
        data: {
          conferenceId: conf.id,
          title: demo.paperTitle,
          snapshots: { create: { state: Buffer.from(buildPaperState(demo.sections)), upToUpdate: 0n } },
          versions: { create: { name: "المسودة الأولى", state: Buffer.from(buildPaperState(demo.sections)), automatic: false, createdById: organizerId } },
        },
      });

      await tx.representation.createMany({
        data: [
          { conferenceId: conf.id, country: "مصر", area: "ARAB", city: "القاهرة" },
          { conferenceId: conf.id, country: "ألمانيا", area: "EUROPE", city: "برلين" },
          { conferenceId: conf.id, country: "الولايات المتحدة", area: "AMERICA", city: "واشنطن" },
        ],
      });
      await tx.planItem.createMany({
        data: [
          { conferenceId: conf.id, horizon: "SHORT", goal: "استكمال دعوات المؤتمر وتأكيد الحضور", ownerId: organizerId, dueOn: new Date(now + 14 * day), status: "IN_PROGRESS" },
          { conferenceId: conf.id, horizon: "MEDIUM", goal: "تطوير العلاقة مع العشائر والشرائح الاجتماعية", dueOn: new Date(now + 90 * day) },
          { conferenceId: conf.id, horizon: "LONG", goal: "بناء توافقات وطنية جامعة", dueOn: new Date(now + 365 * day) },
        ],
      });
    },
    { timeout: 60_000 },
  );
  return true;
}
