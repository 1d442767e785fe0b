// The board: one column per status. Organizers drag a card to a column the graph allows (the move goes
// through the domain over socket.io, or over HTTP when the socket is down); without JavaScript each
// card has a small form that does the same. Other organizers' boards follow live (layout route).
import { commandMeta } from "~/http/request.server";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useOutletContext, useRevalidator } from "@remix-run/react";
import { useState } from "react";
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

export default function Board() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const fetcher = useFetcher<typeof action>();
  const revalidator = useRevalidator();
  const live = useOutletContext<LiveContext | undefined>();
  const [dragging, setDragging] = useState<Card | null>(null);
  const [moveError, setMoveError] = useState<unknown>(null);

  async function move(card: Card, to: InvitationStatus) {
    setMoveError(null);
    if (!canTransition(card.status, to)) {
      setMoveError({ error: { code: "illegal_transition", message: "", details: { from: card.status, to } } });
      return;
    }
    if (live?.connected && live.socket) {
      const socket = live.socket;
      socket.emit(INVITATION_TRANSITION, { id: card.id, to, version: card.version }, (r: { ok: boolean; error?: unknown }) => {
        if (!r.ok) setMoveError(r);
        revalidator.revalidate();
      });
    } else {
      fetcher.submit({ id: card.id, to, version: String(card.version) }, { method: "post" });
    }
  }

  const columns = invitationStatuses.map((s) => ({ status: s, cards: data.rows.filter((r) => r.status === s) }));
  const err = moveError ?? (fetcher.data && "error" in fetcher.data ? fetcher.data : null) ?? (actionData && "error" in actionData ? actionData : null);
  return (
    <div>
      <h1 className="mb-3 text-2xl font-bold">{t("invitations.tabs.board")}</h1>
      <FilterBar action="/invitations/board" values={data.params} tags={data.tags} withStatus="none" sorts={["name", "deadline", "updated"]} />
      <ActionErrorMessage data={err} />
      {data.page.total > data.rows.length ? <p className="notice mb-2">{t("invitations.count", { count: data.page.total })} — {data.rows.length}</p> : null}
      <p className="mb-1 text-xs text-stone-600">{t("invitations.boardScroll")}</p>
      {/* Eight columns do not fit 1280 px: the board scrolls sideways with a scrollbar always shown, and
          takes keyboard focus so arrow keys scroll it too (axe: scrollable-region-focusable). */}
      <div className="relative flex snap-x gap-2 overflow-x-scroll pb-4 [scrollbar-color:#78716c_#e7e5e4]" data-testid="board" tabIndex={0} role="region" aria-label={t("invitations.tabs.board")}>
        {columns.map((col) => {
          const allowed = dragging ? canTransition(dragging.status, col.status) : false;
          return (
            <section
              key={col.status}
              aria-label={t(`status.${col.status}`)}
              data-testid={`column-${col.status}`}
              data-drop={dragging ? (allowed ? "allowed" : "refused") : undefined}
              className={`min-w-48 flex-1 snap-start rounded-lg border p-2 ${dragging ? (allowed ? "border-emerald-500 bg-emerald-50" : "border-stone-200 bg-stone-100 opacity-60") : "border-stone-200 bg-stone-50"}`}
              onDragOver={(e) => {
                if (allowed) e.preventDefault();
              }}
              onDrop={(e) => {
                e.preventDefault();
                if (dragging && dragging.status !== col.status) void move(dragging, col.status);
                setDragging(null);
              }}
            >
              <h2 className="mb-2 flex items-center justify-between text-sm font-semibold">
                <StatusBadge status={col.status} />
                <span data-testid="column-count">{col.cards.length}</span>
              </h2>
              <ul className="space-y-2">
                {col.cards.map((card) => (
                  <li
                    key={card.id}
                    className="card p-2 text-sm"
                    data-testid="card"
                    data-id={card.id}
                    draggable={data.canManage && card.allowedNext.length > 0}
                    onDragStart={(e) => {
                      e.dataTransfer.setData("text/plain", card.id);
                      e.dataTransfer.effectAllowed = "move";
                      setDragging(card);
                    }}
                    onDragEnd={() => setDragging(null)}
                  >
                    <Link to={`/invitations/${card.id}`} className="font-semibold">
                      {forceName(card.force, i18n.language)}
                    </Link>
                    <div className="text-xs text-stone-600">
                      {t(`forces.kind.${card.force.kind}`)} · {t("invitations.seatsOf", { named: card.namedDelegates, quota: card.seatQuota })}
                    </div>
                    {data.canManage ? (
                      card.allowedNext.length ? (
                        <Form method="post" className="mt-1 flex gap-1" data-testid="card-form">
                          <input type="hidden" name="id" value={card.id} />
                          <input type="hidden" name="version" value={card.version} />
                          <label className="sr-only" htmlFor={`to-${card.id}`}>
                            {t("invitations.move")}
                          </label>
                          <select id={`to-${card.id}`} name="to" className="field py-0.5 text-xs">
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
            </section>
          );
        })}
      </div>
    </div>
  );
}
