// A translation's live document written through to its PaperTranslation rows (ADR 0074), which stay the
// source for out-of-date detection, progress, exports, the API and the form without JavaScript. Per
// document, the blocks changed in this instance are collected and, a moment after the last change
// (options.translationWriteDelayMs; steady typing waits at most five of them), each block's text as the
// document holds it then is written through the domain (writeLiveTranslation) as the translator who last
// typed in it here, the session asked again so the policy judges them as they are now. A save from a
// form or the API changes the document too; such a change is written through as well, so whichever write
// lands last, the row ends with the document's text. While writes are due the document holds a lease, so
// it is not unloaded under them.
import type * as Y from "yjs";
import type { Logger } from "pino";
import type { AppServices, SqlQuery } from "../../app/services.server.js";
import { blockField, blockIdOfField, fragmentText, userForSession, writeLiveTranslation } from "../../app/server-exports.server.js";
import type { PaperRoom, RoomMember } from "./room.js";
import type { PaperRooms } from "./rooms.js";

interface Due {
  room: PaperRoom;
  blocks: Set<string>;
  /** When the oldest change not yet written was made: steady typing postpones a write only so long. */
  since: number;
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
}

/** The block ids whose fragments a transaction changed. */
function changedBlocks(doc: Y.Doc, transaction: Y.Transaction): Set<string> {
  const roots = new Map<unknown, string>();
  for (const [name, type] of doc.share) roots.set(type, name);
  const blocks = new Set<string>();
  for (const type of transaction.changed.keys()) {
    let t: Y.AbstractType<any> = type; // eslint-disable-line @typescript-eslint/no-explicit-any
    while (t._item) t = t._item.parent as Y.AbstractType<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const name = roots.get(t);
    const blockId = name === undefined ? null : blockIdOfField(name);
    if (blockId) blocks.add(blockId);
  }
  return blocks;
}

/** Steady typing in a document is written after at most this many write delays. */
const MAX_POSTPONES = 5;

export class TranslationWrites {
  private readonly due = new Map<string, Due>();
  /** Per open document and block: the session of the translator who last typed in it here. */
  private readonly writers = new WeakMap<PaperRoom, Map<string, string>>();

  constructor(
    private readonly deps: { services: AppServices; sql: SqlQuery; rooms: PaperRooms; log: Logger; delayMs: number },
  ) {}

  /** RoomDeps.onLocalChange: a change of this instance, by its writers (none: domain code). */
  changed(room: PaperRoom, transaction: Y.Transaction, writers: RoomMember[]) {
    if (room.ref.kind !== "translation") return;
    const blocks = changedBlocks(room.doc, transaction);
    if (!blocks.size) return;
    let byBlock = this.writers.get(room);
    if (!byBlock) this.writers.set(room, (byBlock = new Map()));
    // Several writers in one turn: the turn's last one stands for it.
    const writer = writers[writers.length - 1];
    let due = this.due.get(room.paperId);
    for (const blockId of blocks) {
      if (writer) byBlock.set(blockId, writer.sessionId);
      else if (!byBlock.has(blockId)) continue; // a form or API save that nobody here is typing against: its row is written
      if (!due) {
        room.leases++;
        this.due.set(room.paperId, (due = { room, blocks: new Set(), since: Date.now(), timer: null, running: null }));
      }
      if (!due.blocks.size) due.since = Date.now();
      due.blocks.add(blockId);
    }
    if (due) this.schedule(due);
  }

  private schedule(due: Due) {
    if (due.timer) clearTimeout(due.timer);
    const { delayMs } = this.deps;
    due.timer = setTimeout(() => void this.run(due), Math.max(0, Math.min(delayMs, due.since + MAX_POSTPONES * delayMs - Date.now())));
    due.timer.unref();
  }

  /** Writes what is due now; changes made meanwhile are written by the next run (one at a time, in order). */
  private run(due: Due): Promise<void> {
    if (due.timer) clearTimeout(due.timer);
    due.timer = null;
    due.running ??= this.write(due).finally(() => {
      due.running = null;
      if (due.blocks.size) return this.schedule(due);
      this.due.delete(due.room.paperId);
      this.deps.rooms.release(due.room);
    });
    return due.running;
  }

  private async write(due: Due) {
    const { room } = due;
    if (room.ref.kind !== "translation") return;
    const { paperId, language } = room.ref;
    const blocks = [...due.blocks];
    due.blocks.clear();
    for (const blockId of blocks) {
      const sessionId = this.writers.get(room)?.get(blockId);
      if (!sessionId || this.deps.rooms.get(room.paperId) !== room) continue;
      const text = fragmentText(room.doc.getXmlFragment(blockField(blockId)));
      try {
        const actor = await userForSession(this.deps.sql, sessionId, { touch: false });
        if (!actor) {
          this.deps.log.info({ doc: room.paperId, blockId }, "collab: translation not written through, its translator's session ended");
          continue;
        }
        await writeLiveTranslation(this.deps.services, actor, paperId, { blockId, language, text }, { realtime: this.deps.services.realtime });
      } catch (err) {
        // Refused (no longer a translator, a block the paper no longer has) or failed: the document keeps the text.
        this.deps.log.warn({ err, doc: room.paperId, blockId }, "collab: translation not written through");
      }
    }
  }

  /** Shutdown: everything due is written now (before the documents are closed). */
  async flush(): Promise<void> {
    while (this.due.size) await Promise.all([...this.due.values()].map((due) => this.run(due)));
  }
}
