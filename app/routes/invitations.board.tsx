// The board: one column per status. Organizers drag a card by its handle (mouse, touch or keyboard;
// app/components/invitations/board-dnd.tsx) to another column; the drop goes to the domain's transition
// over socket.io, or over HTTP when the socket is down, which refuses what the graph does not allow or
// what someone changed meanwhile. Without JavaScript each card has a small form that does the same. Other organizers' boards follow live (layout route).
import { commandMeta } from "~/http/request.server";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useOutletContext, useRevalidator } from "@remix-run/react";
import { useKeptActionData } from "~/components/ui/action-data";
import { useEffect, useState } from "react";
import { BoardColumn, BoardDnd, CardHandle } from "~/components/invitations/board-dnd";
import { useHydrated } from "~/components/agenda/sortable-agenda";
import { useTranslation } from "~/i18n/react";
import type { LiveContext } from "~/components/invitations/useLiveInvitations";
import { requireMember } from "~/context.server";
import { forceTags } from "~/domain/forces.server";
import { listInvitations, parseInvitationQuery, transitionInvitation } from "~/domain/invitations.server";
import { canTransition, invitationStatuses } from "~/domain/invitation-status";
import { formInt, formString, pageAction } from "~/http/page.server";
import { INVITATION_TRANSITION } from "~/domain/invitations-live";
import { may } from "~/policy";
import { ActionErrorMessage, FilterBar, StatusBadge, StatusOptions, forceName, paramsOf } from "~/components/invitations/ui";
import type { InvitationStatus } from "@prisma/client";
import { nameOrderOf } from "~/locale.server";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("invitations.tabs.board");

const BOARD_LIMIT = 500;

/** A refused change (409: stale or illegal) reloads the data too, so the loser sees the current state. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "invitation.read");
  if (!may(user, "invitation.read", { conferenceId: conference.id, forceId: null })) throw new Response("Forbidden", { status: 403 });
  let query;
  try {
    query = parseInvitationQuery(new URL(request.url).searchParams);
  } catch {
    throw new Response("Invalid filters", { status: 400 });
  }
  const prisma = context.services.prisma;
  query.names = await nameOrderOf(request, user.locale);
  const [list, tags] = await Promise.all([listInvitations(prisma, user, conference.id, { ...query, page: 1, pageSize: BOARD_LIMIT }), forceTags(prisma, conference.id)]);
  return json({ ...list, tags, params: paramsOf(request.url), canManage: may(user, "invitation.manage", { conferenceId: conference.id }) });
}

/** The no-JavaScript move: one card's form. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireMember(request, context, "invitation.manage");
  const form = await request.formData();
  return pageAction(async () => {
    const inv = await transitionInvitation(context.services.prisma, user, formString(form, "id"), {
      to: formString(form, "to") as InvitationStatus,
      version: formInt(form, "version"),
      note: formString(form, "note") || null,
    }, commandMeta(request, context.services));
    return json({ ok: true as const, id: inv.id });
  });
}

type Card = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

const columnLook = {
  idle: "border-stone-200 bg-stone-50",
  allowed: "border-emerald-500 bg-emerald-50",
  "over-allowed": "border-emerald-600 bg-emerald-100 ring-2 ring-emerald-600",
  refused: "border-stone-200 bg-stone-100 opacity-60",
  "over-refused": "border-red-400 bg-red-50 opacity-80",
} as const;

export default function Board() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useKeptActionData<typeof action>();
  const fetcher = useFetcher<typeof action>();
  const revalidator = useRevalidator();
  const live = useOutletContext<LiveContext | undefined>();
  const hydrated = useHydrated();
  const [moveError, setMoveError] = useState<unknown>(null);
  // A legal drop shows the card in its new column until the domain answers; a refusal puts it back.
  const [pending, setPending] = useState<Record<string, InvitationStatus>>({});
  useEffect(() => setPending({}), [data.rows]);
  useEffect(() => {
    if (fetcher.data && "error" in fetcher.data) setPending({});
  }, [fetcher.data]);

  /** Every drop goes to the domain's transition (the graph and the version decide there), by socket or HTTP. */
  function move(card: Card, to: InvitationStatus) {
    setMoveError(null);
    if (canTransition(card.status, to)) setPending((p) => ({ ...p, [card.id]: to }));
    if (live?.connected && live.socket) {
      live.socket.emit(INVITATION_TRANSITION, { id: card.id, to, version: card.version }, (r: { ok: boolean; error?: unknown }) => {
        if (!r.ok) (setMoveError(r), setPending({}));
        revalidator.revalidate();
      });
    } else {
      fetcher.submit({ id: card.id, to, version: String(card.version) }, { method: "post" });
    }
  }

  const statusOf = (r: Card) => pending[r.id] ?? r.status;
  const columns = invitationStatuses.map((s) => ({ status: s, cards: data.rows.filter((r) => statusOf(r) === s) }));
  const dndCards = data.rows.filter((r) => r.allowedNext.length > 0).map((r) => ({ id: r.id, status: r.status, title: forceName(r.force, i18n.language) }));
  const byId = new Map(data.rows.map((r) => [r.id, r]));
  const err = moveError ?? (fetcher.data && "error" in fetcher.data ? fetcher.data : null) ?? (actionData && "error" in actionData ? actionData : null);
  return (
    <div>
      <h1 className="mb-3 text-2xl font-bold">{t("invitations.tabs.board")}</h1>
      <FilterBar action="/invitations/board" values={data.params} tags={data.tags} withStatus="none" sorts={["name", "deadline", "updated"]} />
      <ActionErrorMessage data={err} />
      {data.page.total > data.rows.length ? <p className="notice mb-2">{t("invitations.count", { count: data.page.total })} — {data.rows.length}</p> : null}
      {data.canManage ? <p className="mb-1 text-xs text-stone-600">{t("invitations.drag.help")}</p> : null}
      <p className="mb-1 text-xs text-stone-600 xl:hidden">{t("invitations.boardScroll")}</p>
      {/* From 1280 px the nine columns share the width (no sideways scrolling on a laptop); narrower,
          the board scrolls sideways with a scrollbar always shown, and takes keyboard
          focus so arrow keys scroll it too (axe: scrollable-region-focusable). */}
      <div
        className="relative flex snap-x gap-2 overflow-x-scroll pb-4 [scrollbar-color:#78716c_#e7e5e4] xl:grid xl:grid-cols-9 xl:gap-1.5 xl:overflow-x-visible"
        data-testid="board"
        tabIndex={0}
        role="region"
        aria-label={t("invitations.tabs.board")}
      >
        <BoardDnd cards={dndCards} enabled={hydrated && data.canManage} onDrop={(c, to) => move(byId.get(c.id)!, to)}>
          {columns.map((col) => (
            <BoardColumn
              key={col.status}
              status={col.status}
              aria-label={t(`status.${col.status}`)}
              data-testid={`column-${col.status}`}
              className={(state) => `min-w-48 flex-1 snap-start rounded-lg border p-2 xl:min-w-0 xl:p-1.5 ${columnLook[state]}`}
            >
              <h2 className="mb-2 flex flex-wrap items-center justify-between gap-1 text-sm font-semibold">
                <StatusBadge status={col.status} />
                <span data-testid="column-count">{col.cards.length}</span>
              </h2>
              <ul className="space-y-2">
                {col.cards.map((card) => (
                  <li key={card.id} className="card p-2 text-sm xl:p-1.5" data-testid="card" data-id={card.id} data-pending={pending[card.id] ? "1" : undefined}>
                    <div className="flex items-start justify-between gap-1">
                      <Link to={`/invitations/${card.id}`} className="min-w-0 break-words font-semibold">
                        {forceName(card.force, i18n.language)}
                      </Link>
                      {data.canManage && card.allowedNext.length ? <CardHandle card={{ id: card.id, status: card.status, title: forceName(card.force, i18n.language) }} /> : null}
                    </div>
                    <div className="text-xs text-stone-600">
                      {t(`forces.kind.${card.force.kind}`)} · {t("invitations.seatsOf", { named: card.namedDelegates, quota: card.seatQuota })}
                    </div>
                    {data.canManage ? (
                      card.allowedNext.length ? (
                        <Form method="post" className="mt-1 flex flex-wrap gap-1 xl:grid" data-testid="card-form">
                          <input type="hidden" name="id" value={card.id} />
                          <input type="hidden" name="version" value={card.version} />
                          <label className="sr-only" htmlFor={`to-${card.id}`}>
                            {t("invitations.move")}
                          </label>
                          <select id={`to-${card.id}`} name="to" className="field min-w-0 flex-1 px-1 py-0.5 text-xs">
                            <StatusOptions statuses={card.allowedNext} />
                          </select>
                          <button type="submit" className="btn-quiet px-2 py-0.5 text-xs">
                            {t("invitations.moveSubmit")}
                          </button>
                        </Form>
                      ) : (
                        <div className="mt-1 text-xs text-stone-500">{t("invitations.noMoves")}</div>
                      )
                    ) : null}
                  </li>
                ))}
              </ul>
            </BoardColumn>
          ))}
        </BoardDnd>
      </div>
    </div>
  );
}
