// The paper as static HTML (server-rendered for no-JS readers and before the editor hydrates; versions;
// print), rendered by Tiptap's static renderer from the editor's own schema, so it matches the editor.
import { createElement, useMemo } from "react";
import type { JSONContent } from "@tiptap/core";
import { renderToReactElement } from "@tiptap/static-renderer/pm/react";
import { paperExtensions } from "./schema";

/** Anchor of the n-th heading, shared by the outline and the static view. */
export const headingId = (n: number) => `section-${n + 1}`;

export function PaperView({ content, className = "", testId }: { content: JSONContent; className?: string; testId?: string }) {
  const rendered = useMemo(() => {
    let n = 0;
    return renderToReactElement({
      content,
      extensions: paperExtensions(),
      staticEditorOptions: { textDirection: "auto" },
      options: {
        nodeMapping: {
          heading: ({ node, children }) => {
            const level = Math.min(Math.max(Number(node.attrs.level ?? 2), 1), 4);
            return createElement(`h${level}`, { id: headingId(n++), dir: "auto" }, children);
          },
        },
      },
    });
  }, [content]);
  return (
    <div className={`paper-text ${className}`} data-testid={testId}>
      {rendered}
    </div>
  );
}
