// A list of open follow-ups with a one-click "done" form each (POST, works without JavaScript).
import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { OutreachEntryView } from "~/domain/outreach.server";
import { Day, DueBadge, useName } from "./ui";

export function FollowUpList({ entries, canWrite, showOwner = true, testId = "follow-ups" }: { entries: OutreachEntryView[]; canWrite: boolean; showOwner?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const name = useName();
  const location = useLocation();
  if (!entries.length) return <p className="text-sm text-stone-600">{t("coordination.outreach.noFollowUps")}</p>;
  return (
    <ul className="divide-y divide-stone-100" data-testid={testId}>
      {entries.map((e) => (
        <li key={e.id} className="flex flex-wrap items-center gap-2 py-2" data-testid="follow-up" data-entry={e.id}>
          <DueBadge state={e.followUp!.state} />
          <span className="text-sm">
            <Day day={e.followUp!.due} />
          </span>
          <Link to={`/outreach/${e.id}`} className="font-medium" dir="auto">
            {e.followUp!.what}
          </Link>
          <span className="text-sm text-stone-600">
            {e.force ? name(e.force) : (e.representation?.country ?? "")}
            {showOwner && e.followUp!.owner ? ` · ${e.followUp!.owner.name}` : ""}
          </span>
          {canWrite ? (
            <Form method="post" action={`/outreach/${e.id}`} className="ms-auto">
              <input type="hidden" name="intent" value="complete" />
              <input type="hidden" name="next" value={location.pathname + location.search} />
              <button type="submit" className="btn-quiet py-0.5 text-sm" data-testid="complete-follow-up">
                {t("coordination.outreach.complete")}
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
