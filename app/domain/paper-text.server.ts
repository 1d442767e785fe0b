// The working paper's text as rows the database can search (ADR 0041). The paper itself lives as Yjs
// state (latest PaperSnapshot + the PaperUpdates after it, written by the collab server); this keeps a
// derived copy of its blocks, rebuilt through Yjs only when the paper has moved past the watermark the
// copy was built from. Searches and plan links call refreshPaperText() first, so they never read stale text
// that is already in the database.
import * as Y from "yjs";
import type { PrismaClient } from "@prisma/client";
import { paperBlocks } from "./paper-doc";

export interface PaperSectionRef {
  index: number;
  title: string;
}

async function watermarkOf(prisma: PrismaClient, paperId: string) {
  const [snap, last] = await Promise.all([
    prisma.paperSnapshot.findFirst({ where: { paperId }, orderBy: [{ upToUpdate: "desc" }, { createdAt: "desc" }], select: { id: true, upToUpdate: true } }),
    prisma.paperUpdate.findFirst({ where: { paperId }, orderBy: { id: "desc" }, select: { id: true } }),
  ]);
  return { snap, watermark: `${snap?.id ?? "-"}:${last?.id ?? 0n}` };
}

/** Rebuilds the paper's text rows if the paper changed since they were built. Returns true if it rebuilt. */
export async function refreshPaperText(prisma: PrismaClient, paperId: string): Promise<boolean> {
  const { watermark } = await watermarkOf(prisma, paperId);
  const current = await prisma.paperTextIndex.findUnique({ where: { paperId }, select: { watermark: true } });
  if (current?.watermark === watermark) return false;
  return prisma.$transaction(
    async (tx) => {
      // One rebuild per paper at a time; whoever waited finds the work done.
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `tawafuq:paper-text:${paperId}`);
      const { snap, watermark: now } = await watermarkOf(tx as PrismaClient, paperId);
      const again = await tx.paperTextIndex.findUnique({ where: { paperId }, select: { watermark: true } });
      if (again?.watermark === now) return false;
      const doc = new Y.Doc();
      if (snap) {
        const { state } = await tx.paperSnapshot.findUniqueOrThrow({ where: { id: snap.id }, select: { state: true } });
        Y.applyUpdate(doc, new Uint8Array(state));
      }
      // Updates after the snapshot, in the order they were appended; read in pages to bound memory.
      let after = snap?.upToUpdate ?? -1n;
      for (;;) {
        const page = await tx.paperUpdate.findMany({ where: { paperId, id: { gt: after } }, orderBy: { id: "asc" }, take: 500, select: { id: true, data: true } });
        for (const u of page) Y.applyUpdate(doc, new Uint8Array(u.data));
        if (page.length < 500) break;
        after = page[page.length - 1]!.id;
      }
      let sectionIndex = -1;
      let sectionTitle = "";
      const rows = paperBlocks(doc).map((b, position) => {
        if (b.type === "heading") {
          sectionIndex += 1;
          sectionTitle = b.text;
        }
        return { paperId, position, kind: b.type, sectionIndex, sectionTitle, text: b.text, blockId: b.id };
      });
      doc.destroy();
      await tx.paperTextBlock.deleteMany({ where: { paperId } });
      if (rows.length) await tx.paperTextBlock.createMany({ data: rows });
      await tx.paperTextIndex.upsert({ where: { paperId }, create: { paperId, watermark: now }, update: { watermark: now, refreshedAt: new Date() } });
      return true;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/** The conference's papers, refreshed. */
export async function refreshConferencePapers(prisma: PrismaClient, conferenceId: string): Promise<string[]> {
  const papers = await prisma.paper.findMany({ where: { conferenceId }, select: { id: true }, orderBy: { createdAt: "asc" } });
  for (const p of papers) await refreshPaperText(prisma, p.id);
  return papers.map((p) => p.id);
}

/** Section headings of the conference's papers (for plan items that serve a section). */
export async function paperSections(prisma: PrismaClient, conferenceId: string): Promise<{ paperId: string; title: string; sections: PaperSectionRef[] }[]> {
  const ids = await refreshConferencePapers(prisma, conferenceId);
  if (!ids.length) return [];
  const [papers, headings] = await Promise.all([
    prisma.paper.findMany({ where: { id: { in: ids } }, select: { id: true, title: true }, orderBy: { createdAt: "asc" } }),
    prisma.paperTextBlock.findMany({ where: { paperId: { in: ids }, kind: "heading" }, select: { paperId: true, sectionIndex: true, text: true }, orderBy: { position: "asc" } }),
  ]);
  return papers.map((p) => ({
    paperId: p.id,
    title: p.title,
    sections: headings.filter((h) => h.paperId === p.id && h.text.trim()).map((h) => ({ index: h.sectionIndex, title: h.text })),
  }));
}
