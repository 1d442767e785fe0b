// One block's translation, co-edited live (ADR 0074): Tiptap bound to the block's fragment of the
// language's Yjs document (translation-doc.ts), with the other translators' carets and names. All the
// page's blocks share one session (one document, one connection, one presence); each editor shows only
// the carets that are in its own block. Plain paragraphs, no formatting: what the rows hold.
import type { Extensions } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor } from "@tiptap/react";
import { blockField } from "~/domain/translation-doc";
import type { Participant, PaperSession } from "./session";

/** Paragraphs of text and nothing else: the schema the collab server holds translations to. */
function translationExtensions(): Extensions {
  return [
    StarterKit.configure({
      // Yjs keeps the undo history per user (Collaboration's own undo).
      undoRedo: false,
      // No trailing node: every client would append an empty paragraph at once.
      trailingNode: false,
      blockquote: false,
      bold: false,
      bulletList: false,
      code: false,
      codeBlock: false,
      hardBreak: false,
      heading: false,
      horizontalRule: false,
      italic: false,
      link: false,
      listItem: false,
      listKeymap: false,
      orderedList: false,
      strike: false,
      underline: false,
    }),
  ];
}

export function TranslationEditor({ session, blockId, me, label, lang }: { session: PaperSession; blockId: string; me: Participant; label: string; lang: string }) {
  const editor = useEditor(
    {
      immediatelyRender: false,
      extensions: [
        ...translationExtensions(),
        Collaboration.configure({ document: session.doc, field: blockField(blockId) }),
        CollaborationCaret.configure({ provider: session.provider, user: { id: me.id, name: me.name, color: me.color } }),
      ],
      editorProps: {
        attributes: {
          class: "field paper-text w-full min-h-[3rem] focus:outline-none",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": label,
          dir: "auto",
          lang,
          "data-testid": "translation-live",
        },
      },
    },
    [session, blockId],
  );
  return (
    <div className="relative">
      <EditorContent editor={editor} />
    </div>
  );
}
