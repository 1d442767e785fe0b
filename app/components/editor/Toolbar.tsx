// Formatting tools for committee members and organizers (never rendered for read-only readers).
import { useState } from "react";
import { useTranslation } from "~/i18n/react";
import { useEditorState, type Editor } from "@tiptap/react";
import { isAllowedHref } from "./schema";

function Tool({ label, active, onClick, disabled, testId, children }: { label: string; active?: boolean; onClick: () => void; disabled?: boolean; testId?: string; children: React.ReactNode }) {
  return (
    <button
      type="button"
      className={`rounded px-2 py-1 text-sm hover:bg-stone-100 disabled:opacity-40 ${active ? "bg-emerald-100 text-emerald-900" : ""}`}
      title={label}
      aria-pressed={active ?? undefined}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
      disabled={disabled}
      data-testid={testId}
    >
      {/* The name is the word, not the glyph (B, 1.): said by screen readers, matched by voice control. */}
      <span aria-hidden>{children}</span>
      <span className="sr-only">{label}</span>
    </button>
  );
}

export function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      underline: e.isActive("underline"),
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
      quote: e.isActive("blockquote"),
      link: e.isActive("link"),
      href: (e.getAttributes("link").href as string | undefined) ?? "",
      table: e.isActive("table"),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState("");
  const [linkError, setLinkError] = useState(false);
  const chain = () => editor.chain().focus();

  const applyLink = (e: React.FormEvent) => {
    e.preventDefault();
    const value = href.trim();
    if (!value) {
      chain().extendMarkRange("link").unsetLink().run();
    } else if (!isAllowedHref(value)) {
      setLinkError(true);
      return;
    } else {
      chain().extendMarkRange("link").setLink({ href: value }).run();
    }
    setLinkOpen(false);
    setLinkError(false);
  };

  return (
    <div className="sticky top-0 z-10 border-b border-stone-200 bg-white/95 px-2 py-1 no-print" data-testid="paper-toolbar">
      <div role="toolbar" aria-label={t("paper.toolbar.label")} className="flex flex-wrap items-center gap-1">
        <Tool label={t("paper.toolbar.undo")} onClick={() => chain().undo().run()} disabled={!s.canUndo}>↶</Tool>
        <Tool label={t("paper.toolbar.redo")} onClick={() => chain().redo().run()} disabled={!s.canRedo}>↷</Tool>
        <span className="mx-1 h-5 w-px bg-stone-200" />
        <Tool label={t("paper.toolbar.h2")} active={s.h2} onClick={() => chain().toggleHeading({ level: 2 }).run()}>H2</Tool>
        <Tool label={t("paper.toolbar.h3")} active={s.h3} onClick={() => chain().toggleHeading({ level: 3 }).run()}>H3</Tool>
        <Tool label={t("paper.toolbar.paragraph")} onClick={() => chain().setParagraph().run()}>¶</Tool>
        <span className="mx-1 h-5 w-px bg-stone-200" />
        <Tool label={t("paper.toolbar.bold")} active={s.bold} onClick={() => chain().toggleBold().run()} testId="tool-bold"><b>B</b></Tool>
        <Tool label={t("paper.toolbar.italic")} active={s.italic} onClick={() => chain().toggleItalic().run()}><i>I</i></Tool>
        <Tool label={t("paper.toolbar.underline")} active={s.underline} onClick={() => chain().toggleUnderline().run()}><u>U</u></Tool>
        <span className="mx-1 h-5 w-px bg-stone-200" />
        <Tool label={t("paper.toolbar.bulletList")} active={s.bullet} onClick={() => chain().toggleBulletList().run()}>•≡</Tool>
        <Tool label={t("paper.toolbar.orderedList")} active={s.ordered} onClick={() => chain().toggleOrderedList().run()}>1≡</Tool>
        <Tool label={t("paper.toolbar.blockquote")} active={s.quote} onClick={() => chain().toggleBlockquote().run()}>❝</Tool>
        <Tool
          label={t("paper.toolbar.link")}
          active={s.link}
          onClick={() => {
            setHref(s.href);
            setLinkError(false);
            setLinkOpen((o) => !o);
          }}
        >
          <span className="underline">{t("paper.toolbar.link")}</span>
        </Tool>
        <span className="mx-1 h-5 w-px bg-stone-200" />
        <Tool label={t("paper.toolbar.table")} onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()} disabled={s.table}>▦</Tool>
        {s.table ? (
          <>
            <Tool label={t("paper.toolbar.addRow")} onClick={() => chain().addRowAfter().run()}>+─</Tool>
            <Tool label={t("paper.toolbar.addColumn")} onClick={() => chain().addColumnAfter().run()}>+│</Tool>
            <Tool label={t("paper.toolbar.deleteRow")} onClick={() => chain().deleteRow().run()}>−─</Tool>
            <Tool label={t("paper.toolbar.deleteColumn")} onClick={() => chain().deleteColumn().run()}>−│</Tool>
            <Tool label={t("paper.toolbar.deleteTable")} onClick={() => chain().deleteTable().run()}>✕▦</Tool>
          </>
        ) : null}
      </div>
      {linkOpen ? (
        <form onSubmit={applyLink} className="mt-1 flex flex-wrap items-center gap-2">
          <label className="text-sm" htmlFor="paper-link-href">
            {t("paper.toolbar.linkUrl")}
          </label>
          <input id="paper-link-href" dir="ltr" className="field w-72 py-0.5" value={href} onChange={(e) => setHref(e.target.value)} placeholder="https://" autoFocus />
          <button type="submit" className="btn py-0.5">
            {t("paper.toolbar.linkApply")}
          </button>
          {s.link ? (
            <button
              type="button"
              className="btn-quiet py-0.5"
              onClick={() => {
                chain().extendMarkRange("link").unsetLink().run();
                setLinkOpen(false);
              }}
            >
              {t("paper.toolbar.linkRemove")}
            </button>
          ) : null}
          {linkError ? (
            <span role="alert" className="text-sm text-red-700">
              {t("paper.toolbar.linkInvalid")}
            </span>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
