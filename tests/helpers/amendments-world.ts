// A small conference for amendment tests: two forces with delegates, committee, organizer, observer,
// and a paper with two Arabic sections stored as a snapshot (as the seed stores it).
import type { PrismaClient, Role } from "@prisma/client";
import * as Y from "yjs";
import type { Actor } from "../../app/policy.js";
import { buildPaperState, paperText } from "../../app/domain/paper-doc.js";
import type { AmendmentDeps } from "../../app/domain/amendments.server.js";
import { dbPaperStore, type DbPaperStore } from "./paper-store.js";

export const SECTIONS = [
  { title: "١. الهيكلية", paragraphs: ["يعمل مكتب العلاقات العامة على تطوير آلية عمله.", "يتألف المكتب من رئاسة مشتركة ولجان متخصصة."] },
  { title: "٢. الحوار", paragraphs: ["استمرار التواصل والحوار مع القوى السورية."] },
];

export interface Emitted {
  room: string;
  event: string;
  payload: unknown;
}

export interface World {
  conferenceId: string;
  paperId: string;
  forceA: string;
  forceB: string;
  actors: Record<"organizer" | "committee" | "observer" | "a1" | "a2" | "b1", Actor & { name: string }>;
  store: DbPaperStore;
  deps: AmendmentDeps;
  emitted: Emitted[];
  /** Offsets of a phrase in the current paper. */
  at(phrase: string): Promise<{ start: number; end: number }>;
  text(): Promise<string>;
  /** An editor client: reads the current paper, edits it with its own client id, appends the update. */
  edit(fn: (doc: Y.Doc) => void): Promise<void>;
  /** A connected editor forked from the current paper; commit() sends what it did since. Two forks
   * made before either commits edit concurrently. */
  editor(): Promise<{ doc: Y.Doc; commit(): Promise<void> }>;
  clock: { now: Date };
}

export async function makeWorld(prisma: PrismaClient): Promise<World> {
  const day = 86400_000;
  const clock = { now: new Date() };
  const conf = await prisma.conference.create({
    data: {
      slug: `c-${Math.random().toString(36).slice(2)}`,
      nameAr: "مؤتمر",
      city: "قامشلو",
      amendmentPhases: { create: { openAt: new Date(Date.now() - day), closeAt: new Date(Date.now() + day) } },
    },
  });
  const force = (nameAr: string, kind: "PARTY" | "CURRENT") =>
    prisma.force.create({ data: { conferenceId: conf.id, kind, nameAr, nameKey: nameAr, region: "NORTH_EAST_SYRIA" } });
  const [fa, fb] = [await force("حزب الأفق", "PARTY"), await force("تيار التجديد", "CURRENT")];
  const person = async (key: string, role: Role, forceId: string | null) => {
    const u = await prisma.user.create({ data: { email: `${key}-${conf.id}@example.org`, name: `user ${key}` } });
    await prisma.membership.create({ data: { userId: u.id, conferenceId: conf.id, role, forceId } });
    return { id: u.id, name: u.name, memberships: [{ conferenceId: conf.id, role, forceId }] };
  };
  const actors = {
    organizer: await person("organizer", "ORGANIZER", null),
    committee: await person("committee", "COMMITTEE", null),
    observer: await person("observer", "OBSERVER", null),
    a1: await person("a1", "DELEGATE", fa.id),
    a2: await person("a2", "DELEGATE", fa.id),
    b1: await person("b1", "DELEGATE", fb.id),
  };
  const paper = await prisma.paper.create({
    data: { conferenceId: conf.id, title: "ورقة العمل", snapshots: { create: { state: Buffer.from(buildPaperState(SECTIONS)), upToUpdate: 0n } } },
  });
  const store = dbPaperStore(prisma);
  const emitted: Emitted[] = [];
  const deps: AmendmentDeps = { prisma, papers: store, realtime: { emit: (room, event, payload) => emitted.push({ room, event, payload }) }, now: () => clock.now };
  const text = async () => paperText(await store.read(paper.id));
  const world: World = {
    conferenceId: conf.id,
    paperId: paper.id,
    forceA: fa.id,
    forceB: fb.id,
    actors,
    store,
    deps,
    emitted,
    clock,
    text,
    async at(phrase) {
      const t = await text();
      const start = t.indexOf(phrase);
      if (start < 0) throw new Error(`"${phrase}" is not in the paper`);
      return { start, end: start + phrase.length };
    },
    async edit(fn) {
      const e = await world.editor();
      fn(e.doc);
      await e.commit();
    },
    async editor() {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(await store.read(paper.id)));
      const sv = Y.encodeStateVector(doc);
      return { doc, commit: () => store.append(paper.id, Y.encodeStateAsUpdate(doc, sv), actors.committee.id) };
    },
  };
  return world;
}
