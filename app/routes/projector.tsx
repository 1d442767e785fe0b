// The hall's projector (issue 20, ADR 0054): full screen, large type, high contrast, no header or
// navigation (the root leaves its shell out for a route whose handle says `bare`). It shows the
// conference, the item on the floor, the amendment under discussion with its word diff, and its vote's
// result once published. Live: it reloads its data on "agenda.changed" and "vote.changed"; without
// JavaScript the browser reloads it every 10 seconds.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { pageParams } from "~/domain/query-params";
import { projectorView } from "~/domain/agenda.server";
import { VOTE_CHANGED } from "~/domain/conference-day/live";
import { AGENDA_CHANGED } from "~/domain/agenda-live";
import { SPEAKERS_CHANGED } from "~/domain/speakers-live";
import { Diff, useForceName, useLiveUpdates } from "~/components/amendments/ui";
import { pageTitle } from "~/i18n/meta";

export const handle = { bare: true };

export const meta = pageTitle("agenda.projector");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "agenda.read");
  pageParams(request, {});
  return json({ conferenceId: conference.id, view: await projectorView(context.services.prisma, user, conference.id) });
}

function VoteResult({ vote }: { vote: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["view"]["vote"]> }) {
  const { t } = useTranslation();
  if (!vote.results) {
    return <p className="text-4xl text-amber-300" data-testid="projector-vote" data-state={vote.state}>{t(vote.state === "OPEN" ? "agenda.screen.voteOpen" : "agenda.screen.voteClosed")}</p>;
  }
  const r = vote.results;
  return (
    <div className="space-y-4" data-testid="projector-vote" data-state={vote.state}>
      <p className={`text-6xl font-bold ${r.passed ? "text-emerald-300" : "text-red-300"}`} data-testid="projector-result" data-passed={String(r.passed)}>
        {t(r.passed ? "agenda.screen.passed" : "agenda.screen.failed")}
      </p>
      <ul className="flex flex-wrap gap-8 text-4xl">
        {vote.options.map((o) => (
          <li key={o}>{t("agenda.screen.count", { option: t(`votes.options.${o}`, { defaultValue: o }), count: r.counts[o] ?? 0 })}</li>
        ))}
      </ul>
    </div>
  );
}

type Speakers = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["view"]["speakers"]>;

/** The item's list of speakers for the hall (ADR 0069): who speaks now, large, and the next few. */
function SpeakersOnScreen({ speakers }: { speakers: Speakers }) {
  const { t } = useTranslation();
  if (!speakers.speaking && speakers.next.length === 0) return null;
  const more = speakers.waiting - speakers.next.length;
  return (
    <div className="space-y-4 border-t border-stone-700 pt-6" data-testid="projector-speakers">
      {speakers.speaking ? (
        <p className="text-5xl" data-testid="projector-speaking">
          <span className="block text-2xl text-stone-400">{t("speakers.screen.speaking")}</span>
          <span className="font-bold" dir="auto">{speakers.speaking.name}</span>
          {speakers.speaking.forceName ? <span className="ms-4 text-3xl text-stone-300" dir="auto">{speakers.speaking.forceName}</span> : null}
        </p>
      ) : null}
      {speakers.next.length ? (
        <div className="text-3xl">
          <p className="text-2xl text-stone-400">{t("speakers.screen.next")}</p>
          <ol className="list-decimal ps-10" data-testid="projector-next">
            {speakers.next.map((s) => (
              <li key={s.id} dir="auto">{s.name}{s.forceName ? ` — ${s.forceName}` : ""}</li>
            ))}
          </ol>
          {more > 0 ? <p className="text-2xl text-stone-400">{t("speakers.screen.more", { count: more })}</p> : null}
        </div>
      ) : null}
    </div>
  );
}

export default function Projector() {
  const { t } = useTranslation();
  const forceName = useForceName();
  const { conferenceId, view } = useLoaderData<typeof loader>();
  useLiveUpdates(conferenceId, [AGENDA_CHANGED, VOTE_CHANGED, SPEAKERS_CHANGED]);
  const { item, amendment, vote } = view;
  return (
    <main className="fixed inset-0 overflow-auto bg-black p-10 text-white" data-testid="projector">
      <noscript>
        <meta httpEquiv="refresh" content="10" />
      </noscript>
      <p className="text-3xl text-stone-300" dir="auto">{forceName(view.conference)}</p>
      {item ? (
        <div className="mt-8 space-y-8">
          <p className="text-2xl text-stone-400" dir="auto">{item.session.title}</p>
          <h1 className="text-7xl font-bold leading-tight" dir="auto" data-testid="projector-item">{item.title}</h1>
          {item.notes ? <p className="text-3xl" dir="auto">{item.notes}</p> : null}
          {amendment ? (
            <div className="space-y-6 text-4xl leading-relaxed" data-testid="projector-amendment">
              <p className="text-2xl text-stone-400" dir="auto">{t("agenda.screen.by", { force: amendment.forceName })}</p>
              {amendment.before ? (
                <blockquote className="border-s-8 border-stone-500 ps-6" dir="auto">
                  <span className="block text-2xl text-stone-400">{t("agenda.screen.quoted")}</span>
                  {amendment.before}
                </blockquote>
              ) : null}
              <blockquote className="border-s-8 border-emerald-500 ps-6" dir="auto" data-testid="projector-proposed">
                <span className="block text-2xl text-stone-400">{t("agenda.screen.proposed")}</span>
                {amendment.after}
              </blockquote>
              {amendment.diff.length ? <div className="rounded bg-white p-6 text-black"><Diff parts={amendment.diff} /></div> : null}
            </div>
          ) : null}
          {vote ? <VoteResult vote={vote} /> : null}
          {view.speakers ? <SpeakersOnScreen speakers={view.speakers} /> : null}
        </div>
      ) : (
        <p className="mt-16 text-6xl" data-testid="projector-nothing">{t("agenda.screen.nothing")}</p>
      )}
    </main>
  );
}
