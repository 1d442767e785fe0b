// The consolidated amendment table: each section's current text, then every amendment on it (force,
// type, proposed text, rationale, recommendation, decision, reason); filters, live counts, exports and
// a print view (?print=1) that prints cleanly to PDF.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { consolidatedTable, forcesIn, listAmendments } from "~/domain/amendments.server";
import { amendmentStates } from "~/domain/amendment-states";
import { AMENDMENT_PAGE_PARAMS, amendmentDeps, filtersFrom, pagePaper } from "~/http/amendments-page.server";
import { StateBadge, useForceName, useLiveUpdates } from "~/components/amendments/ui";
import { ChoiceSelect } from "~/components/ui/fields";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("amendments.table");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "amendment.read");
  const url = new URL(request.url);
  const { paper } = await pagePaper(request, context, conference.id);
  const filters = filtersFrom(url, { paper: AMENDMENT_PAGE_PARAMS.paper, print: AMENDMENT_PAGE_PARAMS.print });
  const table = await consolidatedTable(amendmentDeps(context), user, paper.id, filters);
  const all = await listAmendments(amendmentDeps(context), user, paper.id);
  return json({
    conferenceId: conference.id,
    paper,
    sections: table.sections,
    allSections: table.allSections,
    counts: table.counts,
    forces: forcesIn(all.items),
    filters,
    print: url.searchParams.get("print") === "1",
  });
}

export default function ConsolidatedTable() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const forceName = useForceName();
  const [params] = useSearchParams();
  useLiveUpdates(data.conferenceId, ["amendment:submitted", "amendment:changed", "amendment:decided", "amendments:published"]);
  const query = (extra: Record<string, string> = {}) => {
    const p = new URLSearchParams(params);
    p.delete("print");
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    const s = p.toString();
    return s ? `?${s}` : "";
  };
  return (
    <div className={`space-y-5 ${data.print ? "print-view" : ""}`}>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold" data-testid="table-title">
          {t("amendments.table")}
        </h1>
        <span className="text-sm text-stone-600">{data.paper.title}</span>
        <div className="no-print ms-auto flex flex-wrap gap-2">
          <a href={`/amendments/table.docx${query()}`} className="btn-quiet no-underline" data-testid="export-docx">
            {t("amendments.exportDocx")}
          </a>
          <a href={`/amendments/table.pdf${query()}`} className="btn-quiet no-underline" data-testid="export-pdf">
            {t("amendments.exportPdf")}
          </a>
          <a href={`/amendments/table.csv${query()}`} className="btn-quiet no-underline" data-testid="export-csv">
            {t("amendments.exportCsv")}
          </a>
          <Link to={`/amendments/table${query({ print: "1" })}`} className="btn-quiet no-underline">
            {t("amendments.print")}
          </Link>
        </div>
      </div>
      <ul className="flex flex-wrap gap-2" data-testid="table-counts" aria-label={t("amendments.counts")}>
        {amendmentStates
          .filter((s) => s !== "DRAFT")
          .map((s) => (
            <li key={s} className="rounded-md bg-white px-3 py-1 text-sm shadow-sm" data-count-state={s}>
              {t(`amendments.states.${s}`)}: <strong>{data.counts[s] ?? 0}</strong>
            </li>
          ))}
      </ul>
      {!data.print ? (
        <Form method="get" className="no-print card flex flex-wrap items-end gap-3">
          {params.get("paper") ? <input type="hidden" name="paper" value={params.get("paper")!} /> : null}
          <label className="text-sm">
            {t("amendments.filters.section")}
            <ChoiceSelect name="section" value={data.filters.section} empty={t("amendments.filters.all")} choices={data.allSections.map((s) => ({ value: s.index, label: s.title }))} />
          </label>
          <label className="text-sm">
            {t("amendments.filters.force")}
            <ChoiceSelect name="forceId" value={data.filters.forceId} empty={t("amendments.filters.all")} choices={data.forces.map((f) => ({ value: f.id, label: forceName(f) }))} />
          </label>
          <label className="text-sm">
            {t("amendments.filters.state")}
            <ChoiceSelect
              name="state"
              value={data.filters.state}
              empty={t("amendments.filters.all")}
              choices={amendmentStates.filter((s) => s !== "DRAFT").map((s) => ({ value: s, label: t(`amendments.states.${s}`) }))}
            />
          </label>
          <button className="btn-quiet" type="submit">
            {t("amendments.filters.apply")}
          </button>
        </Form>
      ) : null}
      {data.sections.map((section, i) => (
        <section key={section.index ?? `u${i}`} className="card space-y-3 break-inside-avoid-page" data-testid="table-section">
          <h2 className="text-lg font-bold" dir="auto">
            {section.title || t("amendments.unplaced")}
          </h2>
          {section.text.length ? (
            <div className="space-y-1 text-stone-700">
              <h3 className="text-sm font-semibold">{t("amendments.currentText")}</h3>
              {section.text.map((p, j) => (
                <p key={j} dir="auto">
                  {p}
                </p>
              ))}
            </div>
          ) : null}
          {section.rows.length ? (
            <div className="overflow-x-auto">
              <table className="data">
                <thead>
                  <tr>
                    <th>{t("amendments.tableCols.force")}</th>
                    <th>{t("amendments.tableCols.type")}</th>
                    <th>{t("amendments.tableCols.quote")}</th>
                    <th>{t("amendments.tableCols.proposed")}</th>
                    <th>{t("amendments.tableCols.rationale")}</th>
                    <th>{t("amendments.tableCols.recommendation")}</th>
                    <th>{t("amendments.tableCols.decision")}</th>
                    <th>{t("amendments.tableCols.reason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {section.rows.map((s) => (
                    <tr key={s.id} data-amendment={s.id}>
                      <td>{forceName(s.force)}</td>
                      <td>{t(`amendments.types.${s.type}`)}</td>
                      <td dir="auto">{s.anchor.textNow ?? s.anchor.quote}</td>
                      <td dir="auto" className="whitespace-pre-line">
                        {[s.proposedTitle, s.decidedText ?? s.proposedText].filter(Boolean).join("\n")}
                      </td>
                      <td dir="auto" className="whitespace-pre-line">
                        {s.rationale}
                      </td>
                      <td>{s.recommendation ? t(`amendments.recommendations.${s.recommendation}`) : ""}</td>
                      <td>
                        <StateBadge state={s.state} />
                      </td>
                      <td dir="auto">{s.decisionReason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ))}
    </div>
  );
}
