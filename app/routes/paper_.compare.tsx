// Compare two states of the paper (saved versions or the current text) word by word.
import { pageQuery } from "~/domain/query-params";
import { z } from "zod";
import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { asHttp } from "~/http/page.server";
import { compareVersions, conferencePaper, getVersion } from "~/domain/papers.server";
import { DiffView, VersionName } from "~/components/editor/versions";
import paperCss from "~/components/editor/paper.css?url";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("paper.compare.title");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paperCss }];

const REF = /^(current|[A-Za-z0-9_-]{1,64})$/;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { services } = context;
  const m = await requireMember(request, context, "paper.read");
  const paper = await conferencePaper(services.prisma, m.conference.id).catch(asHttp);
  const { from, to } = pageQuery(z.object({ from: z.string().regex(REF), to: z.string().regex(REF).default("current") }), new URL(request.url).searchParams);
  const label = async (ref: string) => (ref === "current" ? null : (({ state: _s, ...v }) => v)(await getVersion(services.prisma, paper.id, ref)));
  const [a, b, diff] = await Promise.all([label(from), label(to), compareVersions(services, paper.id, from, to)]).catch(asHttp);
  return json({ paper: { title: paper.title }, from: a, to: b, diff });
}

export default function Compare() {
  const { t } = useTranslation();
  const { paper, from, to, diff } = useLoaderData<typeof loader>();
  const name = (v: typeof from) => (v ? <VersionName version={v} /> : <span>{t("paper.compare.current")}</span>);
  const changed = diff.insertedWords + diff.deletedWords > 0 || diff.blocks.some((b) => b.status !== "same");
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/paper/versions">{t("paper.versions.title")}</Link>
      </p>
      <h1 className="text-2xl font-bold">
        {t("paper.compare.title")} — <span dir="auto">{paper.title}</span>
      </h1>
      <p>
        {t("paper.compare.from")}: <strong data-testid="compare-from">{name(from)}</strong> · {t("paper.compare.to")}: <strong data-testid="compare-to">{name(to)}</strong>
      </p>
      <p className="text-sm" data-testid="compare-summary">
        {changed ? t("paper.compare.summary", { ins: diff.insertedWords, del: diff.deletedWords }) : t("paper.compare.same")}
      </p>
      <p className="paper-diff text-sm">
        {t("paper.compare.legend")} <ins>{t("paper.compare.inserted")}</ins> <del>{t("paper.compare.deleted")}</del>
      </p>
      <div className="card px-6">
        <DiffView blocks={diff.blocks} />
      </div>
    </div>
  );
}
