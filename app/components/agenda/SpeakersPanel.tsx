// An agenda item's list of speakers on the agenda page (ADR 0069), without JavaScript: every step is a
// one-button form posting its intent to /agenda (ask, withdraw; the chair's next, end, up/down, remove,
// close and reopen). The page reloads on speakers.changed, so every open page follows the chair.
import type { SpeakerView, SpeakersView } from "~/domain/speakers.server";
import { useTranslation } from "~/i18n/react";
import { useOfficeTime } from "~/components/dates";
import { IntentButton } from "~/components/ui/actions";

/** How long a speech took, m:ss. */
export function duration(from: string, to: string): string {
  const s = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function Who({ s }: { s: SpeakerView }) {
  return (
    <>
      <span className="font-semibold" dir="auto">{s.name}</span>
      {s.forceName ? <span className="text-sm text-stone-600" dir="auto">{s.forceName}</span> : null}
    </>
  );
}

export function SpeakersPanel({ list, userId, mayRequest, chair }: { list: SpeakersView; userId: string; mayRequest: boolean; chair: boolean }) {
  const { t } = useTranslation();
  const time = useOfficeTime();
  const item = { itemId: list.itemId };
  const mine = list.waiting.find((s) => s.userId === userId);
  return (
    <section id="speakers" className="card space-y-3" aria-labelledby="speakers-title" data-testid="speakers" data-item={list.itemId} data-closed={String(list.closed)}>
      <h2 id="speakers-title" className="text-lg font-semibold" dir="auto">{t("speakers.title", { item: list.itemTitle })}</h2>
      {list.closed ? <p className="text-amber-800" data-testid="speakers-closed">{t("speakers.closed")}</p> : null}
      <div className="flex flex-wrap items-center gap-2" data-testid="speakers-speaking">
        <span>{t("speakers.speaking")}:</span>
        {list.speaking ? (
          <>
            <Who s={list.speaking} />
            <span className="text-sm text-stone-600">{t("speakers.since", { time: time.dateTime(list.speaking.startedAt!) })}</span>
            {chair ? <IntentButton intent="endSpeech" values={{ ...item, speakerId: list.speaking.id }} label={t("speakers.end")} testId="speakers-end" /> : null}
          </>
        ) : (
          <span>{t("speakers.nobody")}</span>
        )}
        {chair ? (
          <IntentButton intent="nextSpeaker" values={{ ...item, speakingId: list.speaking?.id ?? "" }} label={t("speakers.next")} className="btn ms-auto" testId="speakers-next" />
        ) : null}
      </div>
      <h3 className="font-semibold">{t("speakers.waiting")}</h3>
      {list.waiting.length ? (
        <ol className="list-decimal space-y-1 ps-6" data-testid="speakers-waiting">
          {list.waiting.map((s, n) => (
            <li key={s.id} data-testid="speaker" data-id={s.id}>
              <span className="flex flex-wrap items-center gap-2">
                <Who s={s} />
                <span className="ms-auto flex flex-wrap gap-1">
                  {chair && n > 0 ? <IntentButton intent="moveSpeaker" values={{ ...item, speakerId: s.id, position: String(n - 1) }} label={t("speakers.up")} testId="speaker-up" /> : null}
                  {chair && n < list.waiting.length - 1 ? <IntentButton intent="moveSpeaker" values={{ ...item, speakerId: s.id, position: String(n + 1) }} label={t("speakers.down")} testId="speaker-down" /> : null}
                  {s.userId === userId ? (
                    <IntentButton intent="removeSpeaker" values={{ ...item, speakerId: s.id }} label={t("speakers.withdraw")} testId="speaker-withdraw" />
                  ) : chair ? (
                    <IntentButton intent="removeSpeaker" values={{ ...item, speakerId: s.id }} label={t("speakers.remove")} testId="speaker-remove" />
                  ) : null}
                </span>
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p>{t("speakers.none")}</p>
      )}
      <div className="flex flex-wrap gap-2">
        {mayRequest && !mine && !list.closed ? <IntentButton intent="speak" values={item} label={t("speakers.request")} className="btn" testId="speakers-request" /> : null}
        {chair ? (
          <IntentButton intent="closeSpeakers" values={{ ...item, closed: list.closed ? "false" : "true" }} label={t(list.closed ? "speakers.open" : "speakers.close")} testId="speakers-toggle" />
        ) : null}
      </div>
      {list.done.length ? (
        <>
          <h3 className="font-semibold">{t("speakers.done")}</h3>
          <ul className="space-y-1 text-sm" data-testid="speakers-done">
            {list.done.map((s) => (
              <li key={s.id} className="flex flex-wrap gap-2">
                <Who s={s} />
                <bdi dir="ltr">{s.startedAt && s.endedAt ? duration(s.startedAt, s.endedAt) : ""}</bdi>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
