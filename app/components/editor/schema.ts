// The working paper's editor schema, in one place: the live editor, the server-rendered view (no-JS
// readers, versions, print) and the DOCX export all read documents through these extensions (ADR 0015).
import type { Extensions } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { TableKit } from "@tiptap/extension-table";

/** Links a paper may carry: web and mail only (no javascript:, data:, file:). */
export function isAllowedHref(href: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(href.trim());
}

export function paperExtensions(): Extensions {
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
  ];
}
