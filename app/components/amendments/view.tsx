// The parts of one amendment's page (app/routes/amendments.$id.tsx): what it proposes and where, the
// force's steps, the committee's steps, the discussion and the history. Every step is a no-JS form
// posting an intent the route's action dispatches.
import type { SerializeFrom } from "@remix-run/node";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { amendmentTypes } from "~/domain/amendment-states";
import { useOfficeTime } from "~/components/dates";
import type { loader } from "~/routes/amendments.$id";
import { Diff, StateBadge, useForceName } from "./ui";
import { PaperSelection } from "./PaperSelection";
import { Countdown } from "./Countdown";

export type AmendmentPageData = SerializeFrom<typeof loader>;

/**
 * The anchored clause in the reader's language (Kurdish or English) beside its Arabic, which stays the
 * authoritative text (ADR 0063); an Arabic reader needs nothing more than the quote above.
 */
function ClauseInReadersLanguage({ clause }: { clause: AmendmentPageData["clause"] }) {
  const { t, i18n } = useTranslation();
  const mine = clause?.translations.find((c) => c.language === i18n.language);
  if (!clause || !mine) return null;
  return (
    <section className="card grid gap-3 md:grid-cols-2" data-testid="clause-translation" data-status={mine.status} aria-label={t("amendments.anchor.clauseIn", { language: t(`translations.language.${mine.language}`) })}>
      <div>
        <h2 className="text-sm font-semibold">{t("amendments.anchor.clauseArabic")}</h2>
        <p dir="rtl" lang="ar">
          {clause.arabic}
        </p>
      </div>
      <div>
        <h2 className="text-sm font-semibold">{t("amendments.anchor.clauseIn", { language: t(`translations.language.${mine.language}`) })}</h2>
        {mine.text ? (
          <p dir="ltr" lang={mine.language}>
            {mine.text}
          </p>
        ) : (
          <p className="text-sm text-stone-600">{t("amendments.anchor.clauseMissing")}</p>
        )}
        {mine.status === "outdated" ? <p className="mt-1 text-xs text-amber-900">{t("amendments.anchor.clauseOutdated")}</p> : null}
      </div>
    </section>
  );
}

/** The anchored text then and now, the proposal, its word diff and reasons, the decision, overlaps, and the paper after the change. */
export function AmendmentReading({ data }: { data: AmendmentPageData }) {
  const { t } = useTranslation();
  const forceName = useForceName();
  const a = data.amendment;
  return (
    <>
      <section className="card space-y-2" data-testid="anchor" data-anchor={a.anchor.status}>
        <h2 className="font-semibold">{t(`amendments.anchor.${a.anchor.status}`)}</h2>
        {a.anchor.status === "intact" ? (
          <blockquote dir="auto" className="border-s-4 border-stone-300 ps-3">
            {a.anchor.quote}
          </blockquote>
        ) : (
          <div className="grid gap-3 md:grid-cols-2">
            <div>
              <h3 className="text-sm font-semibold">{t("amendments.anchor.quoteThen")}</h3>
              <blockquote dir="auto" className="border-s-4 border-stone-300 ps-3" data-testid="quote-then">
                {a.anchor.quote}
              </blockquote>
            </div>
            <div>
              <h3 className="text-sm font-semibold">{t("amendments.anchor.textNow")}</h3>
              <blockquote dir="auto" className="border-s-4 border-amber-400 ps-3" data-testid="text-now">
                {a.anchor.textNow ?? "—"}
              </blockquote>
            </div>
            {a.anchor.status === "orphaned" ? <p className="text-sm text-amber-900 md:col-span-2">{t("amendments.anchor.orphanedHelp")}</p> : null}
          </div>
        )}
      </section>
      <ClauseInReadersLanguage clause={data.clause} />

      <section className="grid gap-4 md:grid-cols-2">
        <div className="card space-y-2">
          <h2 className="font-semibold">{t("amendments.view.original")}</h2>
          <p dir="auto" data-testid="original">{data.before || "—"}</p>
        </div>
        <div className="card space-y-2">
          <h2 className="font-semibold">{t("amendments.view.proposed")}</h2>
          {a.proposedTitle ? (
            <p dir="auto" className="font-bold">
              {a.proposedTitle}
            </p>
          ) : null}
          <p dir="auto" className="whitespace-pre-line" data-testid="proposed">
            {a.type === "GENERAL" ? "—" : a.type === "DELETE" ? "—" : a.proposedText}
          </p>
          {a.decidedText ? (
            <>
              <h3 className="text-sm font-semibold">{t("amendments.fields.decidedText")}</h3>
              <p dir="auto" className="whitespace-pre-line">
                {a.decidedText}
              </p>
            </>
          ) : null}
        </div>
      </section>
      {data.diff.length ? (
        <section className="card space-y-2">
          <h2 className="font-semibold">{t("amendments.view.diff")}</h2>
          <Diff parts={data.diff} />
        </section>
      ) : null}
      {a.rationale ? (
        <section className="card space-y-2">
          <h2 className="font-semibold">{a.type === "GENERAL" ? t("amendments.fields.remark") : t("amendments.view.rationale")}</h2>
          <p dir="auto" className="whitespace-pre-line" data-testid="rationale">
            {a.rationale}
          </p>
        </section>
      ) : null}

      {a.recommendation || a.decisionReason || ["ACCEPTED", "ACCEPTED_WITH_CHANGES", "REJECTED", "MERGED"].includes(a.state) ? (
        <section className="card space-y-2" data-testid="decision">
          {a.recommendation ? (
            <p>
              <strong>{t("amendments.view.recommendation")}:</strong> {t(`amendments.recommendations.${a.recommendation}`)}
              {a.recommendationNote ? <span dir="auto"> — {a.recommendationNote}</span> : null}
            </p>
          ) : null}
          {["ACCEPTED", "ACCEPTED_WITH_CHANGES", "REJECTED", "MERGED"].includes(a.state) ? (
            <p>
              <strong>{t("amendments.view.decision")}:</strong> <StateBadge state={a.state} />{" "}
              {a.decisionReason ? <span dir="auto">— {a.decisionReason}</span> : <span className="text-sm text-stone-500">{t("amendments.view.notPublished")}</span>}
            </p>
          ) : null}
        </section>
      ) : null}

      {data.overlaps.length ? (
        <section className="card space-y-2 border-purple-300">
          <h2 className="font-semibold">{t("amendments.view.overlaps")}</h2>
          <ul className="list-disc ps-6">
            {data.overlaps.map((o) => (
              <li key={o.id}>
                <Link to={`/amendments/${o.id}`}>
                  {t(`amendments.types.${o.type}`)} — {forceName(o.force)}
                </Link>{" "}
                <StateBadge state={o.state} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card space-y-2">
        <h2 className="font-semibold">{t("amendments.view.after")}</h2>
        {data.preview ? (
          <div className="space-y-2" data-testid="preview">
            {data.preview.map((b, i) => {
              const cls = b.mark === "added" ? "bg-emerald-50 border-s-4 border-emerald-500 ps-2" : b.mark === "changed" ? "bg-amber-50 border-s-4 border-amber-500 ps-2" : b.mark === "removed" ? "line-through text-stone-400" : "";
              return b.type === "heading" ? (
                <h3 key={i} dir="auto" className={`font-bold ${cls}`} data-mark={b.mark}>
                  {b.text}
                </h3>
              ) : (
                <p key={i} dir="auto" className={cls} data-mark={b.mark}>
                  {b.text}
                </p>
              );
            })}
          </div>
        ) : (
          <p className="text-sm text-stone-600">{t("amendments.view.noPreview")}</p>
        )}
      </section>
    </>
  );
}

/** The force's own steps: edit the draft, submit, discard, withdraw. */
export function ForceSteps({ data }: { data: AmendmentPageData }) {
  const { t } = useTranslation();
  const forceName = useForceName();
  const busy = useNavigation().state !== "idle";
  const a = data.amendment;
  const Version = () => <input type="hidden" name="version" value={a.version} />;
  return (
    <>
      {data.allowed.edit ? (
        <Form method="post" className="card space-y-3" data-testid="edit-form">
          <Version />
          <input type="hidden" name="intent" value="update" />
          <label className="block text-sm">
            {t("amendments.fields.type")}
            <select name="type" defaultValue={a.type} className="field">
              {amendmentTypes.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`amendments.types.${ty}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm">
            {t("amendments.fields.proposedTitle")}
            <input name="proposedTitle" dir="auto" defaultValue={a.proposedTitle ?? ""} className="field" />
          </label>
          <label className="block text-sm">
            {t("amendments.fields.proposedText")}
            <textarea name="proposedText" dir="auto" rows={4} defaultValue={a.proposedText} className="field" />
          </label>
          <label className="block text-sm">
            {t("amendments.fields.rationale")}
            <textarea name="rationale" dir="auto" rows={3} defaultValue={a.rationale} className="field" />
          </label>
          {/* The draft's text in the paper, chosen again as on the proposal page (saved with the rest). */}
          <details className="space-y-2" open={a.anchor.status === "orphaned"} data-testid="change-text">
            <summary className="cursor-pointer text-sm font-semibold">{t("amendments.propose_.changeText")}</summary>
            <p className="text-sm text-stone-600">{t("amendments.propose_.changeTextHelp")}</p>
            <PaperSelection blocks={data.blocks} title={data.paperTitle} />
          </details>
          <button className="btn-quiet" type="submit" disabled={busy} data-testid="save">
            {t("amendments.actions.save")}
          </button>
        </Form>
      ) : null}
      <SignOff data={data} />
      {data.allowed.edit || data.allowed.submit || data.allowed.withdraw ? (
        <div className="flex flex-wrap gap-3">
          {data.allowed.submit ? (
            <Form method="post">
              <Version />
              <button name="intent" value="submit" className="btn" disabled={busy} data-testid="submit">
                {t("amendments.actions.submit", { force: forceName(a.force) })}
              </button>
            </Form>
          ) : null}
          {data.allowed.edit ? (
            <Form method="post">
              <Version />
              <button name="intent" value="discard" className="btn-quiet" disabled={busy}>
                {t("amendments.actions.discard")}
              </button>
            </Form>
          ) : null}
          {data.allowed.withdraw ? (
            <Form method="post" className="flex gap-2">
              <Version />
              <input name="note" dir="auto" placeholder={t("amendments.fields.note")} className="field w-64" />
              <button name="intent" value="withdraw" className="btn-quiet" disabled={busy} data-testid="withdraw">
                {t("amendments.actions.withdraw")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

/**
 * The force's internal sign-off on a draft (ADR 0061): who its lead is, whether it was asked to submit,
 * the window's phase and time left, and the steps: ask the lead, or (the lead) send it back with a note.
 */
function SignOff({ data }: { data: AmendmentPageData }) {
  const { t } = useTranslation();
  const { dateTime: fmt } = useOfficeTime();
  const busy = useNavigation().state !== "idle";
  const a = data.amendment;
  const so = data.signOff;
  if (a.state !== "DRAFT" || a.audience !== "force") return null;
  const w = data.window;
  const phaseName = (p: { name: string; number: number }) => p.name || t("amendments.phases.numbered", { n: p.number });
  return (
    <section className="card space-y-2" data-testid="sign-off" data-stage={so.stage ?? ""}>
      <h2 className="font-semibold">{t("amendments.signOff.title")}</h2>
      <p className="text-sm" data-testid="sign-off-lead">
        {so.lead ? t("amendments.signOff.lead", { name: so.lead.name }) : t("amendments.signOff.noLead")}
      </p>
      {so.stage === "askedForSubmission" && so.requestedBy ? (
        <p className="text-sm" data-testid="sign-off-asked">
          {t("amendments.signOff.asked", { name: so.requestedBy.name, date: so.requestedAt ? fmt(so.requestedAt) : "" })}
        </p>
      ) : null}
      <p className="text-sm text-stone-600" data-testid="draft-window" data-state={w.state}>
        {w.current ? (
          <>
            {phaseName(w.current)}: <Countdown to={w.current.closeAt} now={w.now} />
          </>
        ) : w.next ? (
          t("amendments.phases.nextOpens", { phase: phaseName(w.next), date: fmt(w.next.openAt) })
        ) : (
          t(`amendments.window.${w.state}`, { date: w.last ? fmt(w.last.closeAt) : "" })
        )}
      </p>
      {data.allowed.ask ? (
        <Form method="post" className="flex flex-wrap gap-2">
          <input type="hidden" name="version" value={a.version} />
          <input name="note" dir="auto" maxLength={5000} placeholder={t("amendments.fields.note")} aria-label={t("amendments.fields.note")} className="field w-64" />
          <button name="intent" value="ask" className="btn" disabled={busy} data-testid="ask">
            {t("amendments.signOff.ask", { name: so.lead?.name ?? "" })}
          </button>
        </Form>
      ) : null}
      {data.allowed.sendBack ? (
        <Form method="post" className="flex flex-wrap gap-2">
          <input type="hidden" name="version" value={a.version} />
          <input name="note" dir="auto" required maxLength={5000} placeholder={t("amendments.signOff.sendBackNote")} aria-label={t("amendments.signOff.sendBackNote")} className="field w-64" data-testid="send-back-note" />
          <button name="intent" value="sendBack" className="btn-quiet" disabled={busy} data-testid="send-back">
            {t("amendments.signOff.sendBack")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

/** The committee's steps: review, recommend, decide, merge, re-anchor. */
export function CommitteeSteps({ data }: { data: AmendmentPageData }) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const a = data.amendment;
  const Version = () => <input type="hidden" name="version" value={a.version} />;
  return (
    <>
      {data.allowed.review ? (
        <Form method="post">
          <Version />
          <button name="intent" value="review" className="btn-quiet" disabled={busy} data-testid="start-review">
            {t("amendments.actions.startReview")}
          </button>
        </Form>
      ) : null}
      {data.allowed.recommend ? (
        <Form method="post" className="card flex flex-wrap items-end gap-3" data-testid="recommend-form">
          <label className="text-sm">
            {t("amendments.view.recommendation")}
            <select name="recommendation" className="field" defaultValue={a.recommendation ?? "ACCEPT"}>
              {(["ACCEPT", "ACCEPT_WITH_CHANGES", "REJECT"] as const).map((r) => (
                <option key={r} value={r}>
                  {t(`amendments.recommendations.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="grow text-sm">
            {t("amendments.fields.note")}
            <input name="note" dir="auto" className="field" defaultValue={a.recommendationNote ?? ""} />
          </label>
          <button name="intent" value="recommend" className="btn-quiet" disabled={busy} data-testid="recommend">
            {t("amendments.actions.recommend")}
          </button>
        </Form>
      ) : null}
      {data.allowed.decide ? (
        <Form method="post" className="card space-y-3" data-testid="decide-form">
          <Version />
          <fieldset className="flex flex-wrap gap-4">
            <legend className="font-semibold">{t("amendments.view.decision")}</legend>
            {(["ACCEPTED", "ACCEPTED_WITH_CHANGES", "REJECTED"] as const).map((d, i) => (
              <label key={d} className="flex items-center gap-1">
                <input type="radio" name="decision" value={d} defaultChecked={i === 0} data-testid={`decision-${d}`} />
                {t(`amendments.states.${d}`)}
              </label>
            ))}
          </fieldset>
          <label className="block text-sm">
            {t("amendments.fields.reason")}
            <textarea name="note" dir="auto" rows={2} className="field" data-testid="decision-reason" />
          </label>
          <label className="block text-sm">
            {t("amendments.fields.decidedText")}
            <textarea name="decidedText" dir="auto" rows={3} className="field" defaultValue={a.type === "DELETE" ? "" : a.proposedText} />
          </label>
          {a.type !== "GENERAL" ? (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="merge" data-testid="merge-now" />
              {t("amendments.fields.mergeNow")}
            </label>
          ) : null}
          <button name="intent" value="decide" className="btn" disabled={busy} data-testid="decide">
            {t("amendments.actions.decide")}
          </button>
        </Form>
      ) : null}
      {data.allowed.merge ? (
        <Form method="post">
          <Version />
          <button name="intent" value="merge" className="btn" disabled={busy} data-testid="merge">
            {t("amendments.actions.merge")}
          </button>
        </Form>
      ) : null}
      {data.allowed.reanchor && a.anchor.status !== "intact" ? (
        <Form method="post" className="space-y-2" data-testid="reanchor-form">
          <Version />
          <h2 className="font-semibold">{t("amendments.actions.reanchor")}</h2>
          <PaperSelection blocks={data.blocks} title={data.paperTitle} />
          <button name="intent" value="reanchor" className="btn-quiet" disabled={busy} data-testid="reanchor">
            {t("amendments.actions.reanchor")}
          </button>
        </Form>
      ) : null}
    </>
  );
}

/** The discussion between the committee and the force (internal notes for the committee only). */
export function Thread({ data }: { data: AmendmentPageData }) {
  const { t } = useTranslation();
  const forceName = useForceName();
  const { dateTime: fmt } = useOfficeTime();
  const busy = useNavigation().state !== "idle";
  const a = data.amendment;
  return (
    <>
      <section className="card space-y-3" aria-labelledby="thread-title">
        <h2 id="thread-title" className="font-semibold">
          {t("amendments.view.thread")}
        </h2>
        {data.comments.length ? (
          <ul className="space-y-2" data-testid="thread">
            {data.comments.map((c) => (
              <li key={c.id} className={`rounded-md p-2 ${c.internal ? "border border-dashed border-amber-400 bg-amber-50" : "bg-stone-50"}`} data-internal={c.internal ? "1" : "0"}>
                <div className="text-xs text-stone-600">
                  {c.author.side === "committee" ? t("amendments.view.committee") : forceName(a.force)} · {c.author.name} · {fmt(c.createdAt)}
                  {c.internal ? ` · ${t("amendments.view.internal")}` : ""}
                </div>
                <p dir="auto" className="whitespace-pre-line">
                  {c.body}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-600">{t("amendments.view.noComments")}</p>
        )}
        {data.allowed.comment ? (
          <Form method="post" className="space-y-2" data-testid="comment-form">
            <label className="block text-sm">
              {t("amendments.fields.body")}
              <textarea name="body" dir="auto" rows={2} maxLength={10000} className="field" required />
            </label>
            {data.allowed.internal ? (
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="internal" data-testid="internal" />
                {t("amendments.fields.internal")}
              </label>
            ) : null}
            <button name="intent" value="comment" className="btn-quiet" disabled={busy}>
              {t("amendments.actions.comment")}
            </button>
          </Form>
        ) : null}
      </section>
    </>
  );
}

/** Every state change and working step, as the reader may see them. */
export function History({ data }: { data: AmendmentPageData }) {
  const { t } = useTranslation();
  const { dateTime: fmt } = useOfficeTime();
  return (
    <>
      <section className="card space-y-2">
        <h2 className="font-semibold">{t("amendments.view.history")}</h2>
        <ol className="space-y-1 text-sm" data-testid="history">
          {data.events.map((e) => (
            <li key={e.id}>
              <span className="text-stone-500">{fmt(e.createdAt)}</span> · {t(`amendments.view.kinds.${e.kind}`)}:{" "}
              {e.kind === "TRANSITION" ? <StateBadge state={e.toState} /> : null}
              {e.actorName ? ` · ${e.actorName}` : ""}
              {e.note ? (
                <span dir="auto" className="ms-1 text-stone-700">
                  — {e.note}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
