// PaperStore (app/services.server.ts) over the open papers: domain code (accepted amendments, version
// restore) changes a paper through the same live document the editors are connected to, so the change
// is broadcast, published to other instances and persisted like any typed edit.
import * as Y from "yjs";
import type { PaperStore } from "../../app/services.server.js";
import { notFound } from "../../app/server-exports.server.js";
import type { PaperPersistence } from "./persistence.js";
import type { PaperRooms } from "./rooms.js";

export function createPaperStore(rooms: PaperRooms, persistence: PaperPersistence): PaperStore {
  return {
    async read(paperId) {
      const open = rooms.get(paperId);
      if (open) {
        const copy = new Y.Doc();
        Y.applyUpdate(copy, open.diff());
        return copy;
      }
      const doc = await persistence.read(paperId);
      if (!doc) throw notFound("Paper");
      return doc;
    },
    async change(paperId, origin, fn) {
      const room = await rooms.acquire(paperId);
      if (!room) throw notFound("Paper");
      try {
        return await room.change(origin, fn);
      } finally {
        rooms.release(room);
      }
    },
  };
}
