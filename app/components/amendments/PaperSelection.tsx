// The read-only paper with a way to say which text an amendment is about. Without JavaScript: a
// paragraph radio and an optional phrase. With it: selecting text in the paper fills the offsets
// (characters into the paper's plain text, blocks joined by a line break) and shows the quote.
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/react";

export interface SelectableBlock {
  index: number;
  type: string;
  level: number | null;
  text: string;
  start: number;
  end: number;
}

/** Characters from the start of the block element to a DOM point inside it. */
function offsetIn(block: HTMLElement, node: Node, offset: number): number {
  const r = document.createRange();
  r.selectNodeContents(block);
  r.setEnd(node, offset);
  return r.toString().length;
}

export function PaperSelection({ blocks, title, initialBlock }: { blocks: SelectableBlock[]; title: string; initialBlock?: string | null }) {
  const { t } = useTranslation();
  const paperRef = useRef<HTMLDivElement>(null);
  const [sel, setSel] = useState<{ start: number; end: number; quote: string } | null>(null);
  const fullText = blocks.map((b) => b.text).join("\n");

  useEffect(() => {
    const onChange = () => {
      const s = document.getSelection();
      const paper = paperRef.current;
      if (!s || s.rangeCount === 0 || s.isCollapsed || !paper) return;
      const range = s.getRangeAt(0);
      if (!paper.contains(range.startContainer) || !paper.contains(range.endContainer)) return;
      const pos = (node: Node, offset: number) => {
        const el = (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement)?.closest<HTMLElement>("[data-start]");
        if (el) return Number(el.dataset.start) + offsetIn(el, node, offset);
        // A point between blocks (a triple click ends before the next block): that block's start;
        // the server trims a bound on the line break into the text.
        const point = document.createRange();
        point.setStart(node, offset);
        const next = [...paper.querySelectorAll<HTMLElement>("[data-start]")].find((b) => point.comparePoint(b, 0) >= 0);
        return next ? Number(next.dataset.start) : fullText.length;
      };
      const start = pos(range.startContainer, range.startOffset);
      const end = pos(range.endContainer, range.endOffset);
      if (end > start) setSel({ start, end, quote: fullText.slice(start, end) });
    };
    document.addEventListener("selectionchange", onChange);
    // Text selected before the page's script ran (a slow connection) counts too.
    onChange();
    return () => document.removeEventListener("selectionchange", onChange);
  }, [fullText]);

  return (
    <div className="space-y-3">
      <div className="card space-y-2" aria-live="polite">
        <p className="text-sm text-stone-600">{t("amendments.propose_.step1")}</p>
        <p className="text-sm font-semibold">{t("amendments.propose_.chosen")}</p>
        <blockquote dir="auto" className="border-s-4 border-emerald-600 ps-3" data-testid="chosen-quote">
          {sel ? sel.quote : <span className="text-stone-500">{t("amendments.propose_.none")}</span>}
        </blockquote>
        <label className="block text-sm">
          {t("amendments.fields.quote")}
          <input name="quote" dir="auto" className="field" maxLength={2000} />
        </label>
        <details className="text-sm">
          <summary>{t("amendments.fields.start")}</summary>
          <div className="mt-2 flex gap-2">
            <label>
              {t("amendments.fields.start")}
              <input name="start" inputMode="numeric" pattern="[0-9]*" className="field" value={sel?.start ?? ""} onChange={(e) => setSel((s) => ({ start: Number(e.target.value), end: s?.end ?? 0, quote: "" }))} data-testid="sel-start" />
            </label>
            <label>
              {t("amendments.fields.end")}
              <input name="end" inputMode="numeric" pattern="[0-9]*" className="field" value={sel?.end ?? ""} onChange={(e) => setSel((s) => ({ start: s?.start ?? 0, end: Number(e.target.value), quote: "" }))} data-testid="sel-end" />
            </label>
          </div>
        </details>
      </div>
      <article ref={paperRef} className="card space-y-3" aria-label={title} data-testid="paper">
        <p className="text-xs text-stone-500">{t("amendments.propose_.readOnly")}</p>
        {blocks.map((b) => (
          <div key={b.index} className="flex items-start gap-2">
            <input
              type="radio"
              name="block"
              value={b.index}
              defaultChecked={initialBlock === String(b.index)}
              aria-label={`${t("amendments.actions.choose")}: ${b.text.slice(0, 40)}`}
              className="mt-2 shrink-0"
            />
            {b.type === "heading" ? (
              <h2 dir="auto" className="text-lg font-bold" data-start={b.start} data-block={b.index}>
                {b.text}
              </h2>
            ) : (
              <p dir="auto" data-start={b.start} data-block={b.index}>
                {b.text}
              </p>
            )}
          </div>
        ))}
      </article>
    </div>
  );
}
