// TranslationDocStore (app/services.server.ts) over the open documents: a translation saved by a form or
// the API changes the language's live document like a translator's keystrokes would (ADR 0074), so the
// change is broadcast, published to other instances and persisted, and the document and rows agree.
import type { TranslationDocStore } from "../../app/services.server.js";
import { blockField, notFound, setFragmentText, translationDocName } from "../../app/server-exports.server.js";
import type { PaperRooms } from "./rooms.js";

export function createTranslationStore(rooms: PaperRooms): TranslationDocStore {
  return {
    async setText(paperId, language, blockId, text, author) {
      const room = await rooms.acquire(translationDocName(paperId, language));
      if (!room) throw notFound("Paper");
      try {
        await room.change(author, (doc) => setFragmentText(doc.getXmlFragment(blockField(blockId)), text));
      } finally {
        rooms.release(room);
      }
    },
  };
}
