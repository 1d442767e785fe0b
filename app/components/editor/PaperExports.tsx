// Export links of the paper (current text or a version): DOCX, PDF and the print view in Arabic, and a
// plain GET form (works without JavaScript) to export in one translation or bilingual (ADR 0065).
import { Link } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "~/i18n/react";
import { exportLanguages } from "~/domain/paper-languages";

export function PaperExports({ versionId }: { versionId?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const q = versionId ? `?version=${versionId}` : "";
  return (
    <>
      <a href={`/paper/export${q}`} className="btn-quiet" download>
        {t("paper.export.docx")}
      </a>
      <a href={`/paper/export.pdf${q}`} className="btn-quiet" download data-testid="paper-export-pdf">
        {t("paper.export.pdf")}
      </a>
      <Link to={`/paper/print${q}`} className="btn-quiet">
        {t("paper.export.print")}
      </Link>
      <form method="get" action="/paper/export.pdf" className="flex flex-wrap items-center gap-1" data-testid="paper-export-language">
        {versionId ? <input type="hidden" name="version" value={versionId} /> : null}
        <label htmlFor={id}>{t("paper.export.language")}</label>
        <select id={id} name="lang" defaultValue="ar+ku" className="rounded border border-stone-300 px-1 py-0.5">
          {exportLanguages.map((l) => (
            <option key={l} value={l}>
              {t(`paper.export.languages.${l}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="btn-quiet">
          PDF
        </button>
        <button type="submit" formAction="/paper/export" className="btn-quiet">
          DOCX
        </button>
        <button type="submit" formAction="/paper/print" className="btn-quiet">
          {t("paper.export.print")}
        </button>
      </form>
    </>
  );
}
