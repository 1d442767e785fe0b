// A list page's header: its title, an optional count, and its actions at the far end (new, import,
// export); the same markup on every list page.
import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/react";

export function PageHeader({ title, count, actions, className = "" }: { title: string; count?: { text: string; testId: string }; actions?: ReactNode; className?: string }) {
  return (
    <div className={`flex flex-wrap items-center gap-3 ${className}`}>
      <h1 className="text-2xl font-bold">{title}</h1>
      {count ? (
        <span className="text-sm text-stone-600" data-testid={count.testId}>
          {count.text}
        </span>
      ) : null}
      {actions ? <div className="ms-auto flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}

/** The CSV and Excel downloads of what the list shows (the same filters, as a query string). */
export function ExportLinks({ path, query, hint }: { path: string; query: string; hint?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <a href={`${path}?format=csv&${query}`} className="btn-quiet no-underline" title={hint} data-testid="export-csv">
        {t("forces.exportCsv")}
      </a>
      <a href={`${path}?format=xlsx&${query}`} className="btn-quiet no-underline" title={hint}>
        {t("forces.exportXlsx")}
      </a>
    </>
  );
}

/** A titled card: a page's section with its heading. */
export function Section({ title, className = "card space-y-3", children }: { title: ReactNode; className?: string; children: ReactNode }) {
  return (
    <section className={className}>
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}
