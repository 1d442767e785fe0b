// The working paper: live co-drafting for the committee and organizers, live reading for delegates and
// observers. Server-rendered with the current text; the editor takes over in the browser.
import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { may, proposingForce } from "~/policy";
import { DomainError } from "~/domain/errors";
import { conferencePaper, currentContent, outlineOf } from "~/domain/papers.server";
import { PaperEditor } from "~/components/editor/PaperEditor";
import { PaperExports } from "~/components/editor/PaperExports";
import { colorFor } from "~/components/editor/session";
import { SaveVersionForm } from "~/components/editor/versions";
import type { ProposeFromPaperProps } from "~/components/amendments/ProposeFromPaper";
import { maySubmitFor, windowAt } from "~/domain/amendments.server";
import paperCss from "~/components/editor/paper.css?url";
import { idParam, pageParams } from "~/domain/query-params";
import { translationProgress, type TranslationProgress } from "~/domain/translations.server";
import { pageTitle } from "~/i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paperCss }];
export const meta = pageTitle<typeof loader>("paper.title", (d) => d?.paper?.title);

/** The name of the version just saved (?saved=<id> after the save form's redirect). */
async function savedVersionName(services: LoaderFunctionArgs["context"]["services"], paperId: string, id: string | null) {
  if (!id) return null;
  const v = await services.prisma.paperVersion.findFirst({ where: { id, paperId }, select: { name: true } });
  return v?.name ?? null;
}

/** What a force's delegate needs to propose from the live paper; null for everyone who may not draft. */
async function proposer(services: LoaderFunctionArgs["context"]["services"], m: Awaited<ReturnType<typeof requireMember>>, paperId: string): Promise<ProposeFromPaperProps["propose"] | null> {
  const forceId = proposingForce(m.user, m.conference.id);
  if (!forceId) return null;
  const force = await services.prisma.force.findUniqueOrThrow({ where: { id: forceId }, select: { nameAr: true, nameKu: true, nameEn: true } });
  // "open" only for whoever submits for the force: the others save drafts and ask its lead (ADR 0061).
  const open = (await windowAt(services.prisma, m.conference.id, new Date())).state === "open" && (await maySubmitFor(services.prisma, m.user, m.conference.id, forceId));
  return { paperId, force, window: open ? "open" : "closed" };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { services } = context;
  const m = await requireMember(request, context, "paper.read");
  const paper = await conferencePaper(services.prisma, m.conference.id).catch((err) => {
    if (err instanceof DomainError && err.code === "not_found") return null;
    throw err;
  });
  const scope = { conferenceId: m.conference.id };
  const me = { id: m.user.id, name: m.user.name, color: colorFor(m.user.id) };
  if (!paper) return json({ paper: null, content: null, outline: [], me, readOnly: true, canSave: false, saved: null, propose: null, translations: [] as TranslationProgress[] });
  let content = null;
  try {
    content = await currentContent(services, paper.id);
  } catch (err) {
    // The editor can still open the paper live; the static text is only the no-JS fallback.
    services.log.error({ err, paperId: paper.id }, "paper text unavailable for server rendering");
  }
  return json({
    paper: { id: paper.id, title: paper.title },
    content,
    outline: content ? outlineOf(content) : [],
    me,
    readOnly: !may(m.user, "paper.edit", scope),
    canSave: may(m.user, "paper.version.save", scope),
    saved: await savedVersionName(services, paper.id, pageParams(request, { saved: idParam }).saved ?? null),
    propose: await proposer(services, m, paper.id),
    // Progress per language (ADR 0063); the page stands without it.
    translations: await translationProgress(services.prisma, paper.id).catch((err) => {
      services.log.error({ err, paperId: paper.id }, "translation progress unavailable");
      return [] as TranslationProgress[];
    }),
  });
}

export default function PaperPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  if (!data.paper) {
    return (
      <section className="card max-w-2xl">
        <h1 className="text-xl font-bold">{t("paper.title")}</h1>
        <p className="mt-2">{t("paper.noPaper")}</p>
      </section>
    );
  }
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold" dir="auto" data-testid="paper-title">
          {data.paper.title}
        </h1>
        <div className="ms-auto flex flex-wrap items-center gap-2 text-sm no-print">
          <Link to="/paper/versions" className="btn-quiet" data-testid="paper-versions-link">
            {t("paper.versions.open")}
          </Link>
          <PaperExports />
          <Link to="/paper/translations" className="btn-quiet" data-testid="paper-translations-link">
            {t("translations.paperLink")}
          </Link>
        </div>
      </div>
      {data.translations.length ? (
        <ul className="flex flex-wrap gap-x-4 text-sm text-stone-700 no-print" data-testid="translation-progress">
          {data.translations.map((p) => (
            <li key={p.language} data-language={p.language}>
              <Link to={`/paper/translations?lang=${p.language}`}>
                {t("translations.paperProgress", { language: t(`translations.language.${p.language}`), current: p.current, total: p.total, outdated: p.outdated, missing: p.missing })}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {data.canSave ? <SaveVersionForm next="/paper" saved={data.saved} error={null} className="no-print" /> : null}
      <PaperEditor paperId={data.paper.id} me={data.me} readOnly={data.readOnly} initial={data.content} initialOutline={data.outline} propose={data.propose} />
    </div>
  );
}
