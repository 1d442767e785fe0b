// Propose an amendment from the live paper (issue 5): a force's delegate selects text in the read-only
// editor, a small button appears by the selection, and a panel next to it takes the proposal. The
// anchor is taken from the live Y.Doc when the delegate opens the panel, so edits the committee makes
// meanwhile do not move it (ADR 0050); the server checks the text is still there when it is saved.
// Posts to /amendments/new, whose action also serves the no-JS proposal page.
import { useEffect, useRef, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { Editor } from "@tiptap/react";
import type * as Y from "yjs";
import { anchorOfSelection, type SelectionAnchor } from "~/components/editor/selection-anchor";
import { ErrorNotice, useForceName, type FormErrorData } from "./ui";
import { ProposalButtons, ProposalFields } from "./ProposalFields";

export interface ProposeFromPaperProps {
  propose: {
    paperId: string;
    force: { nameAr: string; nameKu: string | null; nameEn: string | null };
    /** The amendment window's state ("open" lets the delegate submit at once). */
    window: string;
  };
}

const PANEL_WIDTH = 384;
/** Room kept for the button at the wrapper's far edge, so it never sticks out of the paper. */
const BUTTON_ROOM = 240;

/** Where a selection ends, relative to the wrapper, for the button and the panel. */
function placeOf(editor: Editor, wrapper: HTMLElement, to: number) {
  const at = editor.view.coordsAtPos(to);
  const box = wrapper.getBoundingClientRect();
  return { top: at.bottom - box.top + 6, left: Math.max(0, Math.min(at.left - box.left, box.width - BUTTON_ROOM)), width: box.width };
}

export function ProposeFromPaper({ propose, editor, doc }: ProposeFromPaperProps & { editor: Editor; doc: Y.Doc }) {
  const { t } = useTranslation();
  const forceName = useForceName();
  const wrapper = useRef<HTMLDivElement>(null);
  const fetcher = useFetcher<{ error?: FormErrorData }>();
  const [button, setButton] = useState<{ top: number; left: number } | null>(null);
  const [panel, setPanel] = useState<{ anchor: SelectionAnchor; top: number; left: number } | null>(null);

  useEffect(() => {
    const update = () => {
      const { to, empty } = editor.state.selection;
      const box = wrapper.current;
      if (empty || !box) return setButton(null);
      const p = placeOf(editor, box, to);
      setButton({ top: p.top, left: p.left });
    };
    editor.on("selectionUpdate", update);
    return () => {
      editor.off("selectionUpdate", update);
    };
  }, [editor]);

  const open = () => {
    const { from, to } = editor.state.selection;
    const box = wrapper.current;
    // The anchor is fixed now: later edits move the text, not what the delegate chose.
    const anchor = anchorOfSelection(doc, editor.state.doc, from, to);
    if (!anchor || !box) return;
    const p = placeOf(editor, box, to);
    setPanel({ anchor, top: p.top, left: Math.max(0, Math.min(p.left, p.width - PANEL_WIDTH)) });
    setButton(null);
  };

  return (
    <div ref={wrapper} className="pointer-events-none absolute inset-0" data-testid="propose-layer">
      {button && !panel ? (
        <button
          type="button"
          className="btn pointer-events-auto absolute z-10 text-sm shadow"
          style={{ top: button.top, left: button.left }}
          // Keep the reader's selection: the button must not take it away before it is read.
          onMouseDown={(e) => e.preventDefault()}
          onClick={open}
          data-testid="propose-from-selection"
        >
          {t("amendments.propose_.fromSelection")}
        </button>
      ) : null}
      {panel ? (
        <fetcher.Form
          method="post"
          action={`/amendments/new?paper=${encodeURIComponent(propose.paperId)}`}
          className="card pointer-events-auto absolute z-10 space-y-3 shadow-lg"
          style={{ top: panel.top, left: panel.left, width: PANEL_WIDTH, maxWidth: "100%" }}
          aria-label={t("amendments.propose_.panelTitle")}
          onKeyDown={(e) => e.key === "Escape" && setPanel(null)}
          data-testid="propose-panel"
        >
          <h2 className="font-semibold">{t("amendments.propose_.panelTitle")}</h2>
          <p className="text-xs text-stone-600">{t("amendments.propose_.onBehalf", { force: forceName(propose.force) })}</p>
          <blockquote dir="auto" className="border-s-4 border-emerald-600 ps-3 text-sm" data-testid="propose-quote">
            {panel.anchor.quote}
          </blockquote>
          <input type="hidden" name="anchorStart" value={panel.anchor.start} />
          <input type="hidden" name="anchorEnd" value={panel.anchor.end} />
          <input type="hidden" name="anchorQuote" value={panel.anchor.quote} />
          <ErrorNotice error={fetcher.data?.error} />
          <ProposalFields compact />
          <div className="flex flex-wrap gap-2">
            <ProposalButtons force={propose.force} windowOpen={propose.window === "open"} busy={fetcher.state !== "idle"} />
            <button type="button" className="btn-quiet" onClick={() => setPanel(null)}>
              {t("amendments.propose_.cancel")}
            </button>
          </div>
        </fetcher.Form>
      ) : null}
    </div>
  );
}
