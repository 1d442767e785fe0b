// The live paper: Tiptap bound to the paper's Y.Doc, remote carets, who is here, the outline, the
// connection state. Server-side (and until the document is open in the browser) it shows the static
// text from the loader, so no-JS readers read the same paper (ADR 0015).
import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import type { JSONContent } from "@tiptap/core";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { paperExtensions } from "./schema";
import { PaperView, headingId } from "./PaperView";
import { Toolbar } from "./Toolbar";
import { ProposeFromPaper, type ProposeFromPaperProps } from "~/components/amendments/ProposeFromPaper";
import { closeSession, openSession, useConnection, useDocReady, useParticipants, type Participant, type PaperSession } from "./session";

export interface PaperEditorProps {
  paperId: string;
  me: Participant;
  readOnly: boolean;
  /** The text at page load (server-rendered); null when the store could not be read. */
  initial: JSONContent | null;
  initialOutline: { level: number; text: string }[];
  /** Set for a force's delegate: selecting text offers to propose an amendment to it. */
  propose?: ProposeFromPaperProps["propose"] | null;
}

export function PaperEditor(props: PaperEditorProps) {
  const [session, setSession] = useState<PaperSession | null>(null);
  useEffect(() => {
    const s = openSession(props.paperId, props.me.id);
    setSession(s);
    return () => closeSession(s);
  }, [props.paperId, props.me.id]);
  return session ? <LiveEditor {...props} session={session} /> : <Layout {...props} session={null} editor={null} ready={false} />;
}

function LiveEditor(props: PaperEditorProps & { session: PaperSession }) {
  const { t } = useTranslation();
  const { session, me, readOnly } = props;
  const editor = useEditor(
    {
      immediatelyRender: false,
      textDirection: "auto",
      editable: !readOnly,
      extensions: [
        ...paperExtensions({ assignBlockIds: !readOnly }),
        Collaboration.configure({ document: session.doc, field: "default" }),
        CollaborationCaret.configure({ provider: session.provider, user: { id: me.id, name: me.name, color: me.color, readOnly } }),
      ],
      editorProps: {
        attributes: {
          class: "paper-text paper-editor focus:outline-none",
          // A textbox role: the only role on which aria-readonly is allowed (and read by screen readers).
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": t("paper.editorLabel"),
          "data-testid": "paper-editor",
          ...(readOnly ? { "aria-readonly": "true" } : {}),
        },
      },
    },
    [session, readOnly],
  );
  const ready = useDocReady(session);
  return <Layout {...props} editor={editor} ready={ready && !!editor} />;
}

function Layout({ session, editor, ready, readOnly, initial, initialOutline, me, propose }: PaperEditorProps & { session: PaperSession | null; editor: Editor | null; ready: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_16rem]">
      <div className="card min-w-0 p-0">
        {readOnly ? (
          <p className="notice m-3" data-testid="paper-readonly">
            {t("paper.readOnly")}
          </p>
        ) : null}
        {!readOnly && editor && ready ? <Toolbar editor={editor} /> : null}
        <div className="px-6 py-4">
          {/* Static text until the live document is open; then the editor (kept mounted, hidden until ready). */}
          {!ready ? (
            initial ? (
              <PaperView content={initial} testId="paper-static" />
            ) : (
              <p className="error">{t("paper.unavailable")}</p>
            )
          ) : null}
          <div hidden={!ready} className="relative">
            <EditorContent editor={editor} />
            {propose && editor && session && ready ? <ProposeFromPaper propose={propose} editor={editor} doc={session.doc} /> : null}
          </div>
        </div>
      </div>
      <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start">
        <ConnectionBadge session={session} readOnly={readOnly} />
        <Presence session={session} me={me} />
        {editor && ready ? <LiveOutline editor={editor} /> : <StaticOutline entries={initialOutline} />}
      </aside>
    </div>
  );
}

function ConnectionBadge({ session, readOnly }: { session: PaperSession | null; readOnly: boolean }) {
  const { t } = useTranslation();
  const { state, unsynced } = useConnection(session);
  if (!session) {
    return (
      <noscript>
        <p className="notice text-sm">{t("paper.noScript")}</p>
      </noscript>
    );
  }
  const tone = state === "connected" ? "bg-emerald-600" : state === "offline" ? "bg-stone-500" : "bg-amber-500";
  return (
    <div className="card p-3 text-sm" role="status" aria-live="polite" aria-label={t("paper.status.label")} data-testid="paper-connection" data-state={state} data-unsynced={unsynced}>
      <p className="flex items-center gap-2 font-semibold">
        <span className={`inline-block h-2.5 w-2.5 rounded-full ${tone}`} aria-hidden />
        {t(`paper.status.${state}`)}
      </p>
      {!readOnly && (state !== "connected" || unsynced > 0) ? (
        <p className="mt-1 text-stone-600" data-testid="paper-unsynced">
          {t("paper.status.unsynced", { count: unsynced })}
        </p>
      ) : null}
    </div>
  );
}

function Presence({ session, me }: { session: PaperSession | null; me: Participant }) {
  const { t } = useTranslation();
  const people = useParticipants(session, me);
  if (!session) return null;
  return (
    <section className="card p-3" aria-labelledby="paper-presence-title">
      <h2 id="paper-presence-title" className="mb-2 text-sm font-bold">
        {t("paper.presence.title")}
      </h2>
      <ul className="space-y-1 text-sm" data-testid="paper-presence">
        {people.map((p) => (
          <li key={p.id} className="flex items-center gap-2" data-user={p.id}>
            <span className="inline-block h-3 w-3 rounded-full" style={{ background: p.color }} aria-hidden />
            <span dir="auto">{p.name}</span>
            {p.self ? <span className="text-stone-500">{t("paper.presence.you")}</span> : null}
            {p.readOnly ? <span className="text-stone-500">· {t("paper.presence.reading")}</span> : null}
          </li>
        ))}
      </ul>
      {people.length === 1 ? <p className="mt-1 text-xs text-stone-500">{t("paper.presence.alone")}</p> : null}
    </section>
  );
}

function StaticOutline({ entries }: { entries: { level: number; text: string }[] }) {
  const { t } = useTranslation();
  return (
    <nav className="card p-3" aria-label={t("paper.outline.title")}>
      <h2 className="mb-2 text-sm font-bold">{t("paper.outline.title")}</h2>
      {entries.length ? (
        <ol className="space-y-1 text-sm" data-testid="paper-outline">
          {entries.map((e, i) => (
            <li key={i} dir="auto" style={{ paddingInlineStart: `${(e.level - 1) * 0.75}rem` }}>
              <a href={`#${headingId(i)}`}>
                {e.text}
              </a>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-stone-500">{t("paper.outline.empty")}</p>
      )}
    </nav>
  );
}

interface LiveHeading {
  level: number;
  text: string;
  pos: number;
}

function headingsOf(editor: Editor): LiveHeading[] {
  const out: LiveHeading[] = [];
  editor.state.doc.descendants((node, pos) => {
    if (node.type.name === "heading") {
      out.push({ level: Number(node.attrs.level ?? 2), text: node.textContent, pos });
      return false;
    }
    return true;
  });
  return out;
}

/** Headings as they are now (remote edits included); a click scrolls to the section. */
function LiveOutline({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const [headings, setHeadings] = useState<LiveHeading[]>(() => headingsOf(editor));
  useEffect(() => {
    const update = () =>
      setHeadings((prev) => {
        const next = headingsOf(editor);
        return JSON.stringify(next) === JSON.stringify(prev) ? prev : next;
      });
    editor.on("update", update);
    update();
    return () => {
      editor.off("update", update);
    };
  }, [editor]);
  const jump = (h: LiveHeading) => {
    const dom = editor.view.nodeDOM(h.pos);
    if (dom instanceof HTMLElement) dom.scrollIntoView({ behavior: "smooth", block: "start" });
    if (editor.isEditable) editor.chain().setTextSelection(h.pos + 1).focus(undefined, { scrollIntoView: false }).run();
  };
  return (
    <nav className="card p-3" aria-label={t("paper.outline.title")}>
      <h2 className="mb-2 text-sm font-bold">{t("paper.outline.title")}</h2>
      {headings.length ? (
        <ol className="space-y-1 text-sm" data-testid="paper-outline">
          {headings.map((h, i) => (
            <li key={i} dir="auto" style={{ paddingInlineStart: `${(h.level - 1) * 0.75}rem` }}>
              <button type="button" className="text-start text-emerald-800 hover:underline" onClick={() => jump(h)}>
                {h.text || "…"}
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-stone-500">{t("paper.outline.empty")}</p>
      )}
    </nav>
  );
}
