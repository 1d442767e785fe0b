// The working paper's editor schema, in one place: the live editor, the server-rendered view (no-JS
// readers, versions, print) and the DOCX export all read documents through these extensions (ADR 0015).
import type { Extensions } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { TableKit } from "@tiptap/extension-table";
import UniqueID from "@tiptap/extension-unique-id";
import { BLOCK_ID_ATTRIBUTE, BLOCK_NODE_TYPES } from "../../domain/block-ids";

/** Links a paper may carry: web and mail only (no javascript:, data:, file:). */
export function isAllowedHref(href: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(href.trim());
}

/**
 * `assignBlockIds`: only a writing editor gives new blocks their ids (ADR 0062); everywhere else the
 * attribute is only part of the schema (a read-only client must not write, the server renders).
 */
export function paperExtensions({ assignBlockIds = false }: { assignBlockIds?: boolean } = {}): Extensions {
  return [
    StarterKit.configure({
      // Yjs keeps the undo history per user (Collaboration's own undo); ProseMirror's would undo others' typing.
      undoRedo: false,
      // Working papers are prose: no code. The trailing node would make every client append an empty
      // paragraph concurrently (and read-only clients try to write it).
      code: false,
      codeBlock: false,
      trailingNode: false,
      heading: { levels: [1, 2, 3, 4] },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: "https",
        protocols: ["mailto"],
        isAllowedUri: (url) => isAllowedHref(url),
        HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
    UniqueID.configure({
      types: [...BLOCK_NODE_TYPES],
      attributeName: BLOCK_ID_ATTRIBUTE,
      updateDocument: assignBlockIds,
      // Ids are only for this client's own changes: others' arrive with theirs (y-sync transactions).
      filterTransaction: (tr) => !tr.getMeta("y-sync$"),
    }),
  ];
}
