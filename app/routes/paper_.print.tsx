// Print view: the paper (current or a version) on its own, styled for paper; the browser prints it or
// saves it as PDF.
import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { asHttp } from "~/http/page.server";
import { conferencePaper, currentContent, versionContent } from "~/domain/papers.server";
import { PaperView } from "~/components/editor/PaperView";
import { VersionName } from "~/components/editor/versions";
import paperCss from "~/components/editor/paper.css?url";
import { useOfficeTime } from "~/components/dates";
import { idParam, pageParams } from "~/domain/query-params";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle<typeof loader>("paper.title", (d) => d?.title);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paperCss }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { services } = context;
  const m = await requireMember(request, context, "paper.read");
  const paper = await conferencePaper(services.prisma, m.conference.id).catch(asHttp);
  const versionId = pageParams(request, { version: idParam }).version ?? null;
  try {
    if (versionId && versionId !== "current") {
      const { version, content } = await versionContent(services.prisma, paper.id, versionId);
      return json({ title: paper.title, version: { ...version, createdAt: version.createdAt.toISOString() }, content, at: version.createdAt.toISOString() });
    }
    return json({ title: paper.title, version: null, content: await currentContent(services, paper.id), at: new Date().toISOString() });
  } catch (err) {
    asHttp(err);
  }
}

export default function PrintView() {
  const { t } = useTranslation();
  const { title, version, content, at } = useLoaderData<typeof loader>();
  const when = useOfficeTime().dateTime;
  return (
    <article className="mx-auto max-w-3xl bg-white p-8" data-testid="paper-print">
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
      <PaperView content={content} />
    </article>
  );
}
