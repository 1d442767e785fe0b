// Small shared pieces of the versions pages: a version's display name, dates in the reader's language,
// and the word-level comparison.
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { dayText } from "~/components/dates";
import type { DiffBlock } from "~/domain/papers-diff";
import { VERSION_NAME_MAX, isDailyVersionName } from "~/domain/papers";

/** Automatic daily versions are stored under their UTC day; shown as "Daily version <date>". */
export function VersionName({ version }: { version: { name: string; automatic: boolean } }) {
  const { t } = useTranslation();
  const day = useDay();
  return <span dir="auto">{version.automatic && isDailyVersionName(version.name) ? t("paper.versions.daily", { date: day(version.name) }) : version.name}</span>;
}

/** A "YYYY-MM-DD" day in the page's language. */
export function useDay() {
  const { i18n } = useTranslation();
  return (day: string) => dayText(i18n.language, day, "long");
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

/** "Save version": a plain form to /paper/versions, which redirects back to `next` (works without JS). */
export function SaveVersionForm({ next, saved, error, className = "" }: { next: "/paper" | "/paper/versions"; saved: string | null; error: string | null; className?: string }) {
  const { t } = useTranslation();
  const busy = useNavigation().formAction === "/paper/versions";
  return (
    <Form method="post" action="/paper/versions" className={`flex flex-wrap items-end gap-2 ${className}`} data-testid="save-version-form">
      <input type="hidden" name="next" value={next} />
      <label className="block text-sm">
        {t("paper.versions.name")}
        <input name="name" required maxLength={VERSION_NAME_MAX} className="field mt-1 w-72" placeholder={t("paper.versions.namePlaceholder")} dir="auto" />
      </label>
      <button type="submit" className="btn" disabled={busy}>
        {t("paper.versions.save")}
      </button>
      {error ? (
        <p role="alert" className="error py-1 text-sm">
          {t(error)}
        </p>
      ) : saved ? (
        <p role="status" className="notice py-1 text-sm" data-testid="version-saved">
          {t("paper.versions.saved", { name: saved })}
        </p>
      ) : null}
    </Form>
  );
}
