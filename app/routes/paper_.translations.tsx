// The paper block by block beside its Kurdish or English translation, or one language alone (issue 19,
// ADR 0063). Without JavaScript: each block's translation is a plain form (save, or confirm that it still
// fits the Arabic) answered with a redirect back to the block. Out-of-date translations show the Arabic's
// word diff since the translation was made. With JavaScript, a translator's box is a live editor on the
// block's fragment of the language's Yjs document, co-edited like the paper with the others' named carets
// and written through to the rows by the server (ADR 0074); "still fits" stays a form. Readers' pages
// reload a block when its row changes.
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useKeptActionData } from "~/components/ui/action-data";
import { useEffect, useState } from "react";
import { z } from "zod";
import { useTranslation } from "~/i18n/react";
import { pageTitle } from "~/i18n/meta";
import { requireMember } from "~/context.server";
import { may } from "~/policy";
import { asHttp, formString } from "~/http/page.server";
import { memberStepAction, type MemberStep } from "~/http/member-steps.server";
import { failureOf } from "~/http/page-error";
import { pageQuery } from "~/domain/query-params";
import { conferencePaper } from "~/domain/papers.server";
import { saveTranslation, translatedBlocks, translationProgress } from "~/domain/translations.server";
import { TRANSLATION_CHANGED, TRANSLATION_MAX, translationLanguages, type TranslationLanguage } from "~/domain/translations";
import { Diff, useLiveUpdates } from "~/components/amendments/ui";
import { translationDocName } from "~/domain/translation-doc";
import { TranslationEditor } from "~/components/editor/TranslationEditor";
import { closeSession, colorFor, openSession, useConnection, type Participant, type PaperSession } from "~/components/editor/session";
import paperCss from "~/components/editor/paper.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paperCss }];
export const meta = pageTitle("translations.title");

const Query = z.object({
  lang: z.enum(translationLanguages).default("ku"),
  view: z.enum(["side", "alone"]).default("side"),
  saved: z.string().max(64).optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { prisma } = context.services;
  const m = await requireMember(request, context, "paper.read");
  const q = pageQuery(Query, new URL(request.url).searchParams);
  const paper = await conferencePaper(prisma, m.conference.id).catch(asHttp);
  // One refresh of the text index serves both reads.
  const blocks = await translatedBlocks(prisma, paper.id, q.lang);
  const progress = await translationProgress(prisma, paper.id, { refreshed: true });
  return json({
    paper: { id: paper.id, title: paper.title },
    lang: q.lang,
    view: q.view,
    saved: q.saved ?? null,
    progress,
    blocks: blocks.map((b) => ({ ...b, translation: b.translation && { ...b.translation, updatedAt: b.translation.updatedAt.toISOString() } })),
    canTranslate: may(m.user, "paper.translate", { conferenceId: m.conference.id }),
    conferenceId: m.conference.id,
    me: { id: m.user.id, name: m.user.name },
  });
}

function step(intent: "save" | "confirm") {
  return async ({ form, user, conferenceId, services, meta }: MemberStep) => {
    const paper = await conferencePaper(services.prisma, conferenceId);
    const version = formString(form, "version");
    const input = { blockId: formString(form, "blockId"), language: formString(form, "language"), intent, ...(intent === "save" ? { text: formString(form, "text") } : {}), ...(version ? { version } : {}) };
    const r = await saveTranslation(services, user, paper.id, input, meta);
    const view = formString(form, "view") === "alone" ? "alone" : "side";
    return redirect(`/paper/translations?lang=${r.language}&view=${view}&saved=${encodeURIComponent(r.blockId)}#block-${r.blockId}`);
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  return memberStepAction(request, context, "paper.translate", { save: step("save"), confirm: step("confirm") });
}

type Block = ReturnType<typeof useLoaderData<typeof loader>>["blocks"][number];

/** The language's live document, for a translator with JavaScript (null before hydration and for readers). */
function useTranslationSession(paperId: string, lang: TranslationLanguage, userId: string, enabled: boolean): PaperSession | null {
  const [session, setSession] = useState<PaperSession | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const s = openSession(translationDocName(paperId, lang), userId);
    setSession(s);
    return () => {
      setSession(null);
      closeSession(s);
    };
  }, [paperId, lang, userId, enabled]);
  return session;
}

function LiveStatus({ session }: { session: PaperSession }) {
  const { t } = useTranslation();
  const { state, unsynced } = useConnection(session);
  return (
    <p className="text-sm" role="status" aria-live="polite" data-testid="translations-connection" data-state={state} data-unsynced={unsynced}>
      {t(`paper.status.${state}`)} · {t("translations.liveHint")}
    </p>
  );
}

/** A block's live editor (with JavaScript), and the "still fits" form when its Arabic changed. */
function LiveTranslationBox({ block, lang, view, session, me }: { block: Block; lang: TranslationLanguage; view: string; session: PaperSession; me: Participant }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-2" data-testid="translation-live-box">
      <TranslationEditor session={session} blockId={block.blockId} me={me} lang={lang} label={t("translations.textLabel", { language: t(`translations.language.${lang}`) })} />
      {block.status === "outdated" && block.translation ? (
        <Form method="post" data-testid="translation-confirm">
          <input type="hidden" name="blockId" value={block.blockId} />
          <input type="hidden" name="language" value={lang} />
          <input type="hidden" name="view" value={view} />
          <input type="hidden" name="version" value={block.translation.version} />
          <button type="submit" name="intent" value="confirm" className="btn-quiet">
            {t("translations.confirm")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

/**
 * One block's form, the page without JavaScript (and before it runs): save the text, or confirm that it
 * still fits the Arabic. The version it shows is sent along, so a save someone else's overtook is refused
 * (stale) instead of overwriting theirs.
 */
function TranslationForm({ block, lang, view, failed }: { block: Block; lang: TranslationLanguage; view: string; failed: boolean }) {
  const { t } = useTranslation();
  const current = block.translation;
  return (
    <Form method="post" className="space-y-2" data-testid="translation-form">
      <input type="hidden" name="blockId" value={block.blockId} />
      <input type="hidden" name="language" value={lang} />
      <input type="hidden" name="view" value={view} />
      {current ? <input type="hidden" name="version" value={current.version} /> : null}
      <label className="block text-sm">
        <span className="sr-only">{t("translations.textLabel", { language: t(`translations.language.${lang}`) })}</span>
        <textarea
          name="text"
          dir="auto"
          className="field w-full"
          rows={Math.min(8, Math.max(2, Math.ceil(block.arabic.length / 80)))}
          maxLength={TRANSLATION_MAX}
          defaultValue={current?.text ?? ""}
          aria-invalid={failed ? true : undefined}
        />
      </label>
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="intent" value="save" className="btn">
          {t("translations.save")}
        </button>
        {block.status === "outdated" ? (
          <button type="submit" name="intent" value="confirm" className="btn-quiet">
            {t("translations.confirm")}
          </button>
        ) : null}
      </div>
    </Form>
  );
}

export default function Translations() {
  const { t } = useTranslation();
  const { paper, lang, view, blocks, progress, canTranslate, saved, conferenceId, me: user } = useLoaderData<typeof loader>();
  // A changed row (typed and written through, or saved) reloads the blocks' status, diff and progress;
  // the live editors keep their documents.
  useLiveUpdates(conferenceId, [TRANSLATION_CHANGED]);
  const session = useTranslationSession(paper.id, lang, user.id, canTranslate);
  const me = { ...user, color: colorFor(user.id) };
  const failure = failureOf(useKeptActionData<typeof action>());
  const [params] = useSearchParams();
  const failedBlock = failure ? (failure.values as Record<string, string> | undefined)?.blockId : undefined;
  const mine = progress.find((p) => p.language === lang)!;
  const href = (l: TranslationLanguage, v: string) => {
    const next = new URLSearchParams(params);
    next.set("lang", l);
    next.set("view", v);
    next.delete("saved");
    return `/paper/translations?${next}`;
  };
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/paper">{t("paper.back")}</Link>
      </p>
      <h1 className="text-2xl font-bold">
        {t("translations.title")} — <span dir="auto">{paper.title}</span>
      </h1>
      <nav className="card flex flex-wrap items-center gap-3 text-sm" aria-label={t("translations.languages")}>
        {translationLanguages.map((l) => (
          <Link key={l} to={href(l, view)} aria-current={l === lang ? "page" : undefined} className={l === lang ? "font-bold" : undefined} data-testid={`translations-lang-${l}`}>
            {t(`translations.language.${l}`)}
          </Link>
        ))}
        <span aria-hidden="true">·</span>
        <Link to={href(lang, "side")} aria-current={view === "side" ? "page" : undefined} className={view === "side" ? "font-bold" : undefined}>
          {t("translations.sideBySide")}
        </Link>
        <Link to={href(lang, "alone")} aria-current={view === "alone" ? "page" : undefined} className={view === "alone" ? "font-bold" : undefined}>
          {t("translations.alone")}
        </Link>
        <span className="ms-auto" data-testid="translations-progress">
          {t("translations.progress", { current: mine.current, total: mine.total, outdated: mine.outdated, missing: mine.missing })}
        </span>
      </nav>
      {session ? <LiveStatus session={session} /> : null}
      {failure ? (
        <p className="card border-red-300 bg-red-50 text-red-900" role="alert" data-testid="translations-error" data-reason={failure.error.reason ?? failure.error.code}>
          {t(`translations.errors.${failure.error.reason ?? failure.error.code}`, { defaultValue: t("translations.errors.other") })}
        </p>
      ) : null}
      <ol className="space-y-3" data-testid="translation-blocks">
        {blocks.map((b) => {
          if (!b.arabic.trim()) return null;
          return (
            <li key={b.blockId} id={`block-${b.blockId}`} data-block={b.blockId} data-status={b.status} className={`card grid gap-3 ${view === "side" ? "md:grid-cols-2" : ""}`}>
              {view === "side" ? (
                <div dir="rtl" lang="ar" className={b.kind === "heading" ? "font-bold" : undefined}>
                  {b.arabic}
                </div>
              ) : null}
              <div dir="ltr" lang={lang} className="space-y-2">
                <p className="text-xs">
                  <span className={`rounded px-1.5 ${b.status === "current" ? "bg-emerald-100 text-emerald-900" : b.status === "outdated" ? "bg-amber-100 text-amber-900" : "bg-stone-100 text-stone-700"}`} data-testid="translation-status">
                    {t(`translations.status.${b.status}`)}
                  </span>
                  {saved === b.blockId ? <span className="ms-2 text-emerald-800" role="status">{t("translations.saved")}</span> : null}
                </p>
                {b.translation && !canTranslate ? <p className={b.kind === "heading" ? "font-bold" : undefined}>{b.translation.text}</p> : null}
                {b.diff ? (
                  <div className="rounded border border-amber-300 bg-amber-50 p-2 text-sm" data-testid="translation-diff">
                    <p className="text-xs text-amber-900">{t("translations.changedSince")}</p>
                    <div lang="ar">
                      <Diff parts={b.diff} />
                    </div>
                  </div>
                ) : null}
                {canTranslate && session ? <LiveTranslationBox block={b} lang={lang} view={view} session={session} me={me} /> : null}
                {canTranslate && !session ? <TranslationForm block={b} lang={lang} view={view} failed={failedBlock === b.blockId} /> : null}
                {b.translation?.updatedBy ? <p className="text-xs text-stone-500">{t("translations.by", { name: b.translation.updatedBy })}</p> : null}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
