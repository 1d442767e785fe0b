// Small shared pieces of the versions pages: a version's display name, dates in the reader's language,
// and the word-level comparison.
import { useTranslation } from "react-i18next";
import type { DiffBlock } from "~/domain/papers-diff";

const isDay = (name: string) => /^\d{4}-\d{2}-\d{2}$/.test(name);

/** Automatic daily versions are stored under their UTC day; shown as "Daily version <date>". */
export function VersionName({ version }: { version: { name: string; automatic: boolean } }) {
  const { t } = useTranslation();
  return <span dir="auto">{version.automatic && isDay(version.name) ? t("paper.versions.daily", { date: version.name }) : version.name}</span>;
}

/** Formats an ISO date in the page's language; UTC so the server and the browser render the same text. */
export function useDateTime() {
  const { i18n } = useTranslation();
  const fmt = new Intl.DateTimeFormat(i18n.language === "ku" ? "ku-Latn" : i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (iso: string) => `${fmt.format(new Date(iso))} UTC`;
}

const tagOf = (b: DiffBlock): "h1" | "h2" | "h3" | "h4" | "p" => (b.kind === "heading" ? (`h${Math.min(Math.max(b.level ?? 2, 1), 4)}` as "h1" | "h2" | "h3" | "h4") : "p");

/** The comparison as text with <ins>/<del> marks; every block takes its own direction (dir="auto"). */
export function DiffView({ blocks }: { blocks: DiffBlock[] }) {
  return (
    <div className="paper-text paper-diff" data-testid="paper-diff">
      {blocks.map((b, i) => {
        const Tag = tagOf(b);
        const prefix = b.kind === "item" ? "• " : "";
        return (
          <Tag key={i} dir="auto" className={`block-${b.status} ${b.kind === "quote" ? "italic text-stone-600" : ""}`} data-status={b.status}>
            {prefix}
            {b.parts.map((p, k) => (p.op === "ins" ? <ins key={k}>{p.text}</ins> : p.op === "del" ? <del key={k}>{p.text}</del> : <span key={k}>{p.text}</span>))}
          </Tag>
        );
      })}
    </div>
  );
}
