// Tawafuq's server as the benchmark runs it: the real startServer (authorisation at the upgrade,
// persistence to embedded PGlite in a temp folder, or PostgreSQL with DATABASE_URL), without the Remix
// build. Before listening it adds what the benchmark needs: writer accounts with sessions, an empty
// paper for fan-out, small papers for the memory test, the B4 paper as a snapshot and as a raw update
// log. Prints `BENCH_READY {json}`; on stdin `mem` prints `BENCH_MEM {json}` after a full GC.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import * as decoding from "lib0/decoding";
import { loadConfig } from "../../server/config.js";
import { startServer } from "../../server/app.js";
import { createSession } from "../../app/domain/accounts.server.js";
import { commitSession } from "../../app/session.server.js";
import { buildPaperState } from "../../app/domain/paper-doc.js";

const writers = Number(process.env.BENCH_WRITERS ?? 0);
const smallPapers = Number(process.env.BENCH_SMALL_PAPERS ?? 0);
const b4Dir = process.env.BENCH_B4_DIR;

const running = await startServer(loadConfig(), { remix: "none" });
const prisma = running.services.prisma;
const conference = await prisma.conference.findFirstOrThrow({ select: { id: true } });

const cookies: string[] = [];
const cookieFor = async (userId: string) => (await commitSession(running.services, (await createSession(prisma, userId)).id)).split(";")[0]!;
const committee = await prisma.user.findUniqueOrThrow({ where: { email: "committee@example.org" } });
cookies.push(await cookieFor(committee.id));
for (let i = 1; i < writers; i++) {
  const user = await prisma.user.create({
    data: { email: `bench-writer-${i}-${Date.now()}@example.org`, name: `كاتب ${i}`, memberships: { create: { conferenceId: conference.id, role: "COMMITTEE" } } },
  });
  cookies.push(await cookieFor(user.id));
}

const fanout = await prisma.paper.create({ data: { conferenceId: conference.id, title: "bench fan-out" } });

const small: string[] = [];
if (smallPapers) {
  const state = Buffer.from(buildPaperState([{ title: "مقدمة", paragraphs: ["فقرة قصيرة من ورقة العمل.", "A short paragraph."] }]));
  for (let i = 0; i < smallPapers; i += 500) {
    const batch = Array.from({ length: Math.min(500, smallPapers - i) }, (_, j) => ({ conferenceId: conference.id, title: `bench small ${i + j}` }));
    const created = await prisma.paper.createManyAndReturn({ data: batch, select: { id: true } });
    await prisma.paperSnapshot.createMany({ data: created.map((p) => ({ paperId: p.id, state, upToUpdate: 0n })) });
    small.push(...created.map((p) => p.id));
  }
}

let b4: { snapshotPaper: string; logPaper: string; logRows: number } | undefined;
if (b4Dir) {
  const state = readFileSync(join(b4Dir, "snapshot.bin"));
  const snapshotPaper = await prisma.paper.create({
    data: { conferenceId: conference.id, title: "B4 as snapshot", snapshots: { create: { state, upToUpdate: 0n } } },
  });
  const logPaper = await prisma.paper.create({ data: { conferenceId: conference.id, title: "B4 as update log" } });
  const d = decoding.createDecoder(readFileSync(join(b4Dir, "updates.bin")));
  let rows: { paperId: string; data: Uint8Array<ArrayBuffer> }[] = [];
  let logRows = 0;
  while (decoding.hasContent(d)) {
    rows.push({ paperId: logPaper.id, data: decoding.readVarUint8Array(d).slice() });
    if (rows.length === 10_000 || !decoding.hasContent(d)) {
      await prisma.paperUpdate.createMany({ data: rows });
      logRows += rows.length;
      rows = [];
    }
  }
  b4 = { snapshotPaper: snapshotPaper.id, logPaper: logPaper.id, logRows };
}

// Prisma's debug module keeps the arguments of its last 100 calls (@prisma/debug's argsHistory), so the
// bulk inserts above stay referenced until later Prisma calls push them out. The memory test would
// count them or not depending on whether the server makes Prisma calls while it measures (a heap
// snapshot showed 4.7 MB of them): push them out before anything is measured.
for (let i = 0; i < 150; i++) await prisma.$queryRaw`SELECT 1`;

process.stdout.write(`BENCH_READY ${JSON.stringify({ pid: process.pid, port: running.port, fanoutPaper: fanout.id, cookies, small, b4 })}\n`);

createInterface({ input: process.stdin }).on("line", (line) => {
  // `stats`: open papers and connections, without the forced collections of `mem`.
  if (line.trim() === "stats") process.stdout.write(`BENCH_STATS ${JSON.stringify(running.collab.stats())}\n`);
  if (line.trim() === "mem") {
    void (async () => {
      await running.db.collectGarbage?.();
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      gc?.();
      const m = process.memoryUsage();
      process.stdout.write(`BENCH_MEM ${JSON.stringify({ ...m, stats: running.collab.stats() })}\n`);
    })();
  }
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void running.close().finally(() => process.exit(0)));
}
