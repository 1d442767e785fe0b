// Print view: the paper (current or a version) on its own, styled for paper; the browser prints it or
// saves it as PDF. ?lang= prints it in one translation or bilingual, block by block (ADR 0065).
import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { loadPaperExport, translationLabels } from "~/http/paper-export.server";
import { exportBlocks, languagesOf, translatedContent } from "~/domain/paper-languages";
import { PaperView } from "~/components/editor/PaperView";
import { VersionName } from "~/components/editor/versions";
import paperCss from "~/components/editor/paper.css?url";
import { useOfficeTime } from "~/components/dates";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle<typeof loader>("paper.title", (d) => d?.title);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paperCss }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const exp = await loadPaperExport(request, context);
  const labels = translationLabels(exp);
  const { arabic, translation } = languagesOf(exp.lang);
  const version = exp.version && { ...exp.version, createdAt: exp.version.createdAt.toISOString() };
  const at = exp.version ? exp.version.createdAt.toISOString() : new Date().toISOString();
  const bilingual = arabic && exp.translations ? exportBlocks(exp.content, exp.translations).filter((b) => b.kind !== "rule" && b.text.trim()) : null;
  const content = !arabic && exp.translations ? translatedContent(exp.content, exp.translations, labels) : exp.content;
  return json({ title: exp.paper.title, version, content: bilingual ? null : content, bilingual, translation, labels, at });
}

export default function PrintView() {
  const { t } = useTranslation();
  const { title, version, content, bilingual, translation, labels, at } = useLoaderData<typeof loader>();
  const when = useOfficeTime().dateTime;
  return (
    <article className={`mx-auto bg-white p-8 ${bilingual ? "max-w-5xl" : "max-w-3xl"}`} data-testid="paper-print">
      <div className="no-print mb-6 flex flex-wrap items-center gap-3 text-sm">
        <Link to={version ? `/paper/versions/${version.id}` : "/paper"}>{t("paper.back")}</Link>
        {/* Without JS the browser's own Print command does the same. */}
        <button type="button" className="btn" onClick={() => window.print()}>
          {t("paper.export.printNow")}
        </button>
      </div>
      <div className="mb-6 border-b border-stone-300 pb-3">
        <h1 className="text-2xl font-bold" dir="auto">
          {title}
        </h1>
        <p className="text-sm text-stone-600">
          {version ? (
            <>
              <VersionName version={version} /> — {when(at)}
            </>
          ) : (
            t("paper.export.printedFrom", { date: when(at) })
          )}
        </p>
      </div>
      {bilingual ? (
        // The Arabic (authoritative) on the right whatever the reader's language.
        <div dir="rtl" className="paper-view space-y-3" data-testid="paper-bilingual">
          <div className="grid grid-cols-2 gap-6 border-b border-stone-300 pb-1 text-sm font-bold text-stone-600">
            <p>{labels.arabic}</p>
            <p dir="ltr" lang={translation ?? undefined}>
              {labels.translation}
            </p>
          </div>
          {bilingual.map((b, i) => {
            const Tag = b.kind === "heading" ? "h2" : "p";
            const tr = b.translation;
            return (
              <div key={b.blockId ?? i} className="grid grid-cols-2 gap-6" data-block={b.blockId} data-status={tr?.status}>
                <Tag dir="auto" lang="ar" className={b.kind === "heading" ? "text-lg font-bold" : undefined}>
                  {b.marker ? `${b.marker} ` : ""}
                  {b.text}
                </Tag>
                <Tag dir="ltr" lang={translation ?? undefined} className={b.kind === "heading" ? "text-lg font-bold" : undefined}>
                  {!tr || tr.status === "missing" ? (
                    <em className="text-orange-800">[{labels.missing}]</em>
                  ) : (
                    <>
                      {b.marker ? `${b.marker} ` : ""}
                      {tr.text}
                      {tr.status === "outdated" ? <em className="text-orange-800"> [{labels.outdated}]</em> : null}
                    </>
                  )}
                </Tag>
              </div>
            );
          })}
        </div>
      ) : (
        <PaperView content={content!} />
      )}
    </article>
  );
}
