// One saved version, read-only, with restore (as a new change on top of the current text).
import { pageQuery } from "~/domain/query-params";
import { z } from "zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { may } from "~/policy";
import { asHttp } from "~/http/page.server";
import { conferencePaper, restoreVersion, versionContent } from "~/domain/papers.server";
import { PaperView } from "~/components/editor/PaperView";
import { VersionName } from "~/components/editor/versions";
import { PaperExports } from "~/components/editor/PaperExports";
import { isDailyVersionName } from "~/domain/papers";
import { t as translate } from "~/i18n";
import { localeOf } from "~/locale.server";
import paperCss from "~/components/editor/paper.css?url";
import { useOfficeTime } from "~/components/dates";
import { clientIp } from "~/http/request.server";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("paper.versions.viewing");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paperCss }];

async function load(request: Request, context: LoaderFunctionArgs["context"], versionId: string | undefined) {
  const m = await requireMember(request, context, "paper.read");
  const paper = await conferencePaper(context.services.prisma, m.conference.id).catch(asHttp);
  return { m, paper, ...(await versionContent(context.services.prisma, paper.id, versionId ?? "").catch(asHttp)) };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  // After a restore the page names what was kept (ADR 0033: nothing else is accepted).
  pageQuery(z.object({ restored: z.string().max(64).optional(), kept: z.string().max(200).optional() }), new URL(request.url).searchParams);
  const { m, paper, version, content } = await load(request, context, params.versionId);
  return json({
    paper: { title: paper.title },
    version: { ...version, createdAt: version.createdAt.toISOString() },
    content,
    canRestore: may(m.user, "paper.version.restore", { conferenceId: m.conference.id }),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { services } = context;
  const m = await requireMember(request, context, "paper.version.restore");
  const paper = await conferencePaper(services.prisma, m.conference.id).catch(asHttp);
  const locale = await localeOf(request, m.user.locale);
  try {
    const source = await versionContent(services.prisma, paper.id, params.versionId ?? "");
    const { kept } = await restoreVersion(services, m.user, {
      paperId: paper.id,
      versionId: source.version.id,
      keptAsName: translate(locale, "paper.versions.beforeRestore", { name: source.version.automatic && isDailyVersionName(source.version.name) ? translate(locale, "paper.versions.daily", { date: source.version.name }) : source.version.name }),
    }, { ip: clientIp(request) });
    const q = new URLSearchParams({ restored: source.version.id, kept: kept.name });
    return redirect(`/paper/versions/${source.version.id}?${q}`);
  } catch (err) {
    asHttp(err);
  }
}

export default function VersionPage() {
  const { t } = useTranslation();
  const { paper, version, content, canRestore } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const when = useOfficeTime().dateTime;
  const restored = params.get("restored") === version.id;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/paper/versions">{t("paper.versions.title")}</Link> · <Link to="/paper">{t("paper.back")}</Link>
      </p>
      <h1 className="text-2xl font-bold" data-testid="version-name">
        <VersionName version={version} />
      </h1>
      <p className="text-sm text-stone-600">
        <span dir="auto">{paper.title}</span> ·{" "}
        {version.createdBy ? t("paper.versions.savedBy", { name: version.createdBy.name, date: when(version.createdAt) }) : t("paper.versions.savedAuto", { date: when(version.createdAt) })}
      </p>
      {restored ? (
        <p role="status" className="notice" data-testid="version-restored">
          {t("paper.versions.restored", { name: version.name, kept: params.get("kept") ?? "" })}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2 text-sm no-print">
        <Link to={`/paper/compare?from=${version.id}&to=current`} className="btn-quiet">
          {t("paper.compare.withCurrent")}
        </Link>
        <PaperExports versionId={version.id} />
      </div>
      {canRestore ? (
        <Form method="post" className="card flex flex-wrap items-center gap-3 no-print" data-testid="restore-form">
          <p className="text-sm">{t("paper.versions.restoreExplain")}</p>
          <button type="submit" className="btn" disabled={busy} data-testid="restore-button">
            {t("paper.versions.restore")}
          </button>
        </Form>
      ) : null}
      <article className="card px-6" aria-label={t("paper.versions.viewing")}>
        <PaperView content={content} testId="version-text" />
      </article>
    </div>
  );
}
