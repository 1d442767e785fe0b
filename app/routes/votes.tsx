// Plenary votes (issue 20, ADR 0053), without JavaScript: the chair opens, closes and publishes votes;
// a delegate of a present force casts its ballot; everyone reads published results. Every form is a plain
// POST answered with a redirect (or the refusal, said in the reader's language).
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { useKeptActionData } from "~/components/ui/action-data";
import { z } from "zod";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { formBool, formInt, formString } from "~/http/page.server";
import { memberStepAction, type MemberStep } from "~/http/member-steps.server";
import { failureOf } from "~/http/page-error";
import { pageParams } from "~/domain/query-params";
import { may } from "~/policy";
import { castBallot, closeVote, listVotes, openVote, publishVote, votableStates, type VoteView } from "~/domain/conference-day/votes.server";
import { setVotingMode } from "~/domain/conference-day/attendance.server";
import { majorityRules, voteSubjects, votingModes } from "~/domain/conference-day/schema";
import { PageHeader, Section } from "~/components/ui/page";
import { SelectField, TextArea, TextField } from "~/components/ui/fields";
import { IntentButton } from "~/components/ui/actions";
import { useLiveUpdates } from "~/components/amendments/ui";
import { VOTE_CHANGED } from "~/domain/conference-day/live";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("votes.title");

/** A refused ballot or step (409) reloads the votes too, so the page shows how things stand now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate;

const doneSteps = ["open", "cast", "close", "publish", "mode"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "vote.read");
  pageParams(request, { done: z.enum(doneSteps).optional() });
  const { prisma } = context.services;
  const votes = await listVotes(prisma, user, conference.id);
  const chair = may(user, "vote.chair", { conferenceId: conference.id });
  // Amendments the chair may put to the vote, and the names of those the votes are about: once on the
  // floor an amendment is the plenary's business, so every member reads what it is voting on.
  const named = new Set(votes.flatMap((v) => v.amendmentIds));
  const amendments = await prisma.amendment.findMany({
    where: { paper: { conferenceId: conference.id }, OR: [{ id: { in: [...named] } }, ...(chair ? [{ state: { in: votableStates } }] : [])] },
    select: { id: true, state: true, sectionTitle: true, proposedText: true, force: { select: { nameAr: true } } },
    orderBy: { createdAt: "asc" },
    take: 500,
  });
  const label = (a: (typeof amendments)[number]) => `${a.force.nameAr} — ${a.sectionTitle ?? ""} ${a.proposedText.slice(0, 60)}`.trim();
  // Who casts a force's ballot (ADR 0058): organizers set it here, where the votes are run.
  const canSetMode = may(user, "attendance.manage", { conferenceId: conference.id });
  const { votingMode } = await prisma.conference.findUniqueOrThrow({ where: { id: conference.id }, select: { votingMode: true } });
  const papers = chair ? await prisma.paper.findMany({ where: { conferenceId: conference.id }, select: { id: true, title: true }, orderBy: { createdAt: "asc" } }) : [];
  return json({
    conferenceId: conference.id,
    votes,
    chair,
    votingMode,
    canSetMode,
    labels: Object.fromEntries(amendments.map((a) => [a.id, label(a)])),
    votable: chair ? amendments.filter((a) => votableStates.includes(a.state)).map((a) => ({ value: a.id, label: label(a) })) : [],
    papers: papers.map((p) => ({ value: p.id, label: p.title })),
  });
}

type Step = MemberStep;

const done = (step: (typeof doneSteps)[number]) => redirect(`/votes?done=${step}`);

const intents: Record<string, (s: Step) => Promise<Response>> = {
  async open({ form, user, conferenceId, services, meta }) {
    const subject = formString(form, "subject");
    const amendmentIds = form.getAll("amendmentIds").filter((v): v is string => typeof v === "string" && v !== "");
    await openVote(
      services.prisma,
      user,
      conferenceId,
      {
        subject: subject as never,
        ...(subject === "AMENDMENT" || subject === "AMENDMENT_BLOCK" ? { amendmentIds } : {}),
        ...(subject === "PAPER" ? { paperId: formString(form, "paperId") } : {}),
        question: formString(form, "question") || undefined,
        majority: formString(form, "majority") as never,
        quorumPercent: formInt(form, "quorumPercent"),
        secret: formBool(form, "secret"),
      },
      meta,
    );
    return done("open");
  },
  async cast({ form, user, services, meta }) {
    await castBallot(services.prisma, user, formString(form, "voteId"), { option: formString(form, "option") }, meta);
    return done("cast");
  },
  async close({ form, user, services, meta }) {
    await closeVote(services.prisma, user, formString(form, "voteId"), {}, meta);
    return done("close");
  },
  async publish({ form, user, services, meta }) {
    await publishVote(services.prisma, user, formString(form, "voteId"), {}, meta);
    return done("publish");
  },
  async votingMode({ form, user, conferenceId, services, meta }) {
    await setVotingMode(services.prisma, user, conferenceId, { votingMode: formString(form, "votingMode") as never }, meta);
    return done("mode");
  },
};

export async function action({ request, context }: ActionFunctionArgs) {
  return memberStepAction(request, context, "vote.read", intents);
}

function ErrorNotice() {
  const { t } = useTranslation();
  const failure = failureOf(useKeptActionData<typeof action>());
  if (!failure) return null;
  const reason = failure.error.reason ?? "other";
  return (
    <p className="card border-red-300 bg-red-50 text-red-900" role="alert" data-testid="vote-error" data-reason={reason}>
      {t(`votes.errors.${reason}`, { defaultValue: t("votes.errors.other") })}
    </p>
  );
}

function Results({ vote, labels }: { vote: VoteView; labels: Record<string, string> }) {
  const { t } = useTranslation();
  const optionLabel = (o: string) => labels[o] ?? t(`votes.options.${o}`, { defaultValue: o });
  const r = vote.results;
  if (!r) return <p className="text-sm text-stone-600">{t("votes.results.hidden")}</p>;
  const block = vote.subject === "AMENDMENT_BLOCK";
  return (
    <div className="space-y-2" data-testid="vote-results">
      <table className="w-full text-sm">
        <tbody>
          {vote.options.map((o) => (
            <tr key={o} className="border-b border-stone-100">
              <th scope="row" className="py-1 text-start font-normal">{optionLabel(o)}</th>
              <td className="py-1 text-end font-semibold" data-testid={`count-${o}`}>{r.counts[o] ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-sm">
        {t("votes.results.present", { count: r.present })} · {t("votes.results.quorum", { needed: r.quorumNeeded, state: t(r.quorumMet ? "votes.results.quorumMet" : "votes.results.quorumMissed") })}
      </p>
      <p className="font-semibold" data-testid="vote-outcome" data-passed={r.passed}>
        {block ? (r.winner ? t("votes.results.winner", { name: optionLabel(r.winner) }) : t("votes.results.noWinner")) : t(r.passed ? "votes.results.passed" : "votes.results.rejected")}
      </p>
      {vote.ballots?.length ? (
        <details>
          <summary className="cursor-pointer text-sm">{t("votes.results.byForce")}</summary>
          <ul className="text-sm">
            {vote.ballots.map((b) => (
              <li key={b.forceId}>
                {b.forceName}: {optionLabel(b.option)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function Ballot({ vote, labels }: { vote: VoteView; labels: Record<string, string> }) {
  const { t } = useTranslation();
  const own = vote.own;
  if (!own || vote.state !== "OPEN") return null;
  const optionLabel = (o: string) => labels[o] ?? t(`votes.options.${o}`, { defaultValue: o });
  if (own.voted) return <p data-testid="ballot-voted">{own.option ? t("votes.ballot.votedFor", { option: optionLabel(own.option) }) : t("votes.ballot.voted")}</p>;
  if (!own.present) return <p data-testid="ballot-absent">{t("votes.ballot.absent")}</p>;
  if (!own.mayCast) return <p data-testid="ballot-not-you">{t("votes.ballot.notYou")}</p>;
  return (
    <Form method="post" className="space-y-2" data-testid="ballot-form">
      <input type="hidden" name="intent" value="cast" />
      <input type="hidden" name="voteId" value={vote.id} />
      <fieldset className="space-y-1">
        <legend className="font-semibold">{t("votes.ballot.legend")}</legend>
        {vote.options.map((o) => (
          <label key={o} className="flex items-center gap-2">
            <input type="radio" name="option" value={o} required /> {optionLabel(o)}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="btn" data-testid="ballot-submit">
        {t("votes.ballot.submit")}
      </button>
    </Form>
  );
}

function VotingModeForm({ votingMode, canSet }: { votingMode: string; canSet: boolean }) {
  const { t } = useTranslation();
  const current = t(`votes.mode.${votingMode}`);
  if (!canSet) return <p className="text-sm text-stone-600" data-testid="voting-mode">{t("votes.mode.current", { mode: current })}</p>;
  return (
    <Section title={t("votes.mode.title")}>
      <Form method="post" className="flex flex-wrap items-end gap-3" data-testid="voting-mode-form">
        <input type="hidden" name="intent" value="votingMode" />
        <fieldset className="space-y-1">
          <legend className="sr-only">{t("votes.mode.title")}</legend>
          {votingModes.map((m) => (
            <label key={m} className="flex items-center gap-2">
              <input type="radio" name="votingMode" value={m} defaultChecked={m === votingMode} required /> {t(`votes.mode.${m}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn-quiet" data-testid="voting-mode-submit">
          {t("votes.mode.submit")}
        </button>
      </Form>
    </Section>
  );
}

function OpenVoteForm({ votable, papers }: { votable: { value: string; label: string }[]; papers: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const failure = failureOf(useKeptActionData<typeof action>());
  const errors = failure?.error.fieldErrors ?? null;
  return (
    <Section title={t("votes.open.title")}>
      <Form method="post" className="grid gap-3 md:grid-cols-2" data-testid="open-vote-form">
        <input type="hidden" name="intent" value="open" />
        <SelectField name="subject" label={t("votes.open.subject")} errors={errors} options={voteSubjects.map((s) => ({ value: s, label: t(`votes.subjects.${s}`) }))} />
        <SelectField name="majority" label={t("votes.open.majority")} errors={errors} options={majorityRules.map((m) => ({ value: m, label: t(`votes.majorities.${m}`) }))} />
        <SelectField name="amendmentIds" label={t("votes.open.amendments")} errors={errors} multiple size={Math.min(6, Math.max(2, votable.length))} options={votable} />
        {papers.length ? <SelectField name="paperId" label={t("votes.subjects.PAPER")} errors={errors} options={papers} /> : null}
        <TextArea name="question" label={t("votes.open.question")} errors={errors} maxLength={2000} rows={2} />
        <TextField name="quorumPercent" label={t("votes.open.quorum")} errors={errors} type="number" min={0} max={100} defaultValue={50} />
        <label className="flex items-center gap-2">
          <input type="checkbox" name="secret" data-testid="field-secret" /> {t("votes.open.secret")}
        </label>
        <div>
          <button type="submit" className="btn" data-testid="open-vote-submit">
            {t("votes.open.submit")}
          </button>
        </div>
      </Form>
    </Section>
  );
}

export default function Votes() {
  const { t } = useTranslation();
  const { conferenceId, votes, chair, votingMode, canSetMode, labels, votable, papers } = useLoaderData<typeof loader>();
  // The chair's tally while a vote is open, and everyone's result once published, without a reload.
  useLiveUpdates(conferenceId, [VOTE_CHANGED]);
  const [params] = useSearchParams();
  const doneStep = params.get("done");
  return (
    <div className="space-y-6">
      <PageHeader title={t("votes.title")} />
      <p className="text-stone-600">{t("votes.intro")}</p>
      {doneStep && (doneSteps as readonly string[]).includes(doneStep) ? (
        <p className="card border-green-300 bg-green-50" role="status" data-testid="vote-done">
          {doneStep === "mode" ? t("votes.mode.saved") : t(`votes.done.${doneStep}`)}
        </p>
      ) : null}
      <ErrorNotice />
      <VotingModeForm votingMode={votingMode} canSet={canSetMode} />
      {/* Keyed on the votes: a vote opened empties the form, a refused one keeps it. */}
      {chair ? <OpenVoteForm key={votes.map((v) => v.id).join()} votable={votable} papers={papers} /> : null}
      {votes.length ? null : <p>{t("votes.none")}</p>}
      {votes.map((v) => (
        <section key={v.id} className="card space-y-3" data-testid="vote" data-vote-id={v.id} data-state={v.state} aria-labelledby={`vote-${v.id}`}>
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={`vote-${v.id}`} className="text-lg font-semibold">
              {t(`votes.subjects.${v.subject}`)}
            </h2>
            <span className="rounded bg-stone-100 px-1.5 text-xs" data-testid="vote-state">{t(`votes.states.${v.state}`)}</span>
            <span className="rounded bg-stone-100 px-1.5 text-xs">{v.secret ? t("votes.secret") : t("votes.named")}</span>
            <span className="rounded bg-stone-100 px-1.5 text-xs">{t(`votes.majorities.${v.majority}`)}</span>
            <span className="ms-auto text-sm text-stone-600" data-testid="vote-cast">{t("votes.cast", { count: v.cast })}</span>
          </div>
          {v.question ? <p dir="auto">{v.question}</p> : null}
          {v.amendmentIds.length ? (
            <ul className="list-disc ps-5 text-sm">
              {v.amendmentIds.map((id) => (
                <li key={id} dir="auto">{labels[id] ?? id}</li>
              ))}
            </ul>
          ) : null}
          <Ballot vote={v} labels={labels} />
          <Results vote={v} labels={labels} />
          {/* A plain download: the record is what the reader sees here (the chair's live, everyone's once published). */}
          {v.results ? (
            <a href={`/votes/${v.id}.csv`} download className="text-sm" data-testid="vote-export">
              {t("votes.export")}
            </a>
          ) : null}
          {chair && v.state === "OPEN" ? <IntentButton intent="close" values={{ voteId: v.id }} label={t("votes.close")} className="btn" testId="vote-close" /> : null}
          {chair && v.state === "CLOSED" ? <IntentButton intent="publish" values={{ voteId: v.id }} label={t("votes.publish")} className="btn" testId="vote-publish" /> : null}
        </section>
      ))}
    </div>
  );
}
