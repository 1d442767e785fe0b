// Tawafuq's server as bench:vote runs it: the real startServer with the Remix build (the JSON API), on
// embedded PGlite in a temp folder or PostgreSQL with DATABASE_URL. Before the benchmark it lays out, in
// the database directly (setup speed, not what is measured), BENCH_FORCES forces with a confirmed
// invitation, one delegation member checked in, and one delegate account with a session each; the chair
// is the demo's committee member. Prints `BENCH_READY {json}` with the session cookies.
import { randomUUID } from "node:crypto";
import { loadConfig } from "../../server/config.js";
import { startServer } from "../../server/app.js";
import { createSession } from "../../app/domain/accounts.server.js";
import { commitSession } from "../../app/session.server.js";

const forces = Number(process.env.BENCH_FORCES ?? 300);

const running = await startServer(loadConfig(), { remix: "build" });
const prisma = running.services.prisma;
const conference = await prisma.conference.findFirstOrThrow({ select: { id: true } });
const cookieFor = async (userId: string) => (await commitSession(running.services, (await createSession(prisma, userId)).id)).split(";")[0]!;
const committee = await prisma.user.findUniqueOrThrow({ where: { email: "committee@example.org" } });
const chairCookie = await cookieFor(committee.id);

const tag = Date.now().toString(36);
const kinds = ["PARTY", "BLOC", "CURRENT", "TRIBE", "CSO", "COMMUNITY"] as const;
const regions = ["NORTH_EAST_SYRIA", "OTHER_SYRIAN_REGIONS", "ABROAD"] as const;
const rows = Array.from({ length: forces }, (_, i) => ({ i, forceId: `bf-${tag}-${i}`, invitationId: `bi-${tag}-${i}`, memberId: `bm-${tag}-${i}`, userId: `bu-${tag}-${i}` }));
await prisma.force.createMany({
  data: rows.map((r) => ({ id: r.forceId, conferenceId: conference.id, kind: kinds[r.i % kinds.length]!, region: regions[r.i % regions.length]!, nameAr: `قوة التصويت ${r.i}`, nameKey: `قوة التصويت ${r.i}` })),
});
await prisma.invitation.createMany({ data: rows.map((r) => ({ id: r.invitationId, conferenceId: conference.id, forceId: r.forceId, status: "ATTENDED", version: 5 })) });
await prisma.delegationMember.createMany({ data: rows.map((r) => ({ id: r.memberId, invitationId: r.invitationId, name: `مندوب ${r.i}` })) });
await prisma.user.createMany({ data: rows.map((r) => ({ id: r.userId, email: `bench-voter-${tag}-${r.i}@example.org`, name: `مندوب ${r.i}` })) });
await prisma.membership.createMany({ data: rows.map((r) => ({ userId: r.userId, conferenceId: conference.id, role: "DELEGATE" as const, forceId: r.forceId })) });
for (const r of rows) {
  await prisma.$executeRaw`INSERT INTO "Attendance" (id, "invitationId", "delegationMemberId", "checkedInById") VALUES (${randomUUID()}, ${r.invitationId}, ${r.memberId}, ${committee.id})`;
}
const cookies: string[] = [];
for (const r of rows) cookies.push(await cookieFor(r.userId));

process.stdout.write(`BENCH_READY ${JSON.stringify({ pid: process.pid, port: running.port, conferenceId: conference.id, chairCookie, cookies, forceIds: rows.map((r) => r.forceId) })}\n`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void running.close().finally(() => process.exit(0)));
}
