// A real PaperStore over the database, for tests that run without the collab server: the current
// paper is the latest PaperSnapshot plus the PaperUpdate rows after it; a change applies fn in one
// transaction and appends its update as a row, exactly what the live server persists. Changes to one
// paper are serialised in this process, as the live server serialises them on its one document.
import * as Y from "yjs";
import type { PrismaClient } from "@prisma/client";
import type { PaperStore } from "../../app/services.server.js";

export interface DbPaperStore extends PaperStore {
  /** Appends an update made elsewhere (a simulated editor client), as the collab server would. */
  append(paperId: string, update: Uint8Array, userId?: string | null): Promise<void>;
}

export function dbPaperStore(prisma: PrismaClient): DbPaperStore {
  const queues = new Map<string, Promise<unknown>>();
  const serial = <T>(paperId: string, job: () => Promise<T>): Promise<T> => {
    const prev = queues.get(paperId) ?? Promise.resolve();
    const next = prev.then(job, job);
    queues.set(paperId, next.catch(() => {}));
    return next;
  };

  async function read(paperId: string): Promise<Y.Doc> {
    const paper = await prisma.paper.findUnique({ where: { id: paperId }, select: { id: true } });
    if (!paper) throw new Error(`paper ${paperId} not found`);
    const snap = await prisma.paperSnapshot.findFirst({ where: { paperId }, orderBy: { upToUpdate: "desc" } });
    const doc = new Y.Doc();
    if (snap) Y.applyUpdate(doc, new Uint8Array(snap.state));
    const updates = await prisma.paperUpdate.findMany({ where: { paperId, id: { gt: snap?.upToUpdate ?? 0n } }, orderBy: { id: "asc" } });
    for (const u of updates) Y.applyUpdate(doc, new Uint8Array(u.data));
    return doc;
  }

  return {
    read,
    change<T>(paperId: string, origin: string, fn: (doc: Y.Doc) => T): Promise<T> {
      return serial(paperId, async () => {
        const doc = await read(paperId);
        const updates: Uint8Array[] = [];
        doc.on("update", (u: Uint8Array) => updates.push(u));
        const result = doc.transact(() => fn(doc), origin);
        if (updates.length) await prisma.paperUpdate.create({ data: { paperId, data: Buffer.from(Y.mergeUpdates(updates)) } });
        doc.destroy();
        return result;
      });
    },
    append(paperId, update, userId = null) {
      return serial(paperId, async () => {
        await prisma.paperUpdate.create({ data: { paperId, data: Buffer.from(update), userId } });
      });
    },
  };
}
