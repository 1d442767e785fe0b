// Drag and drop between the board's status columns (issue 19), an enhancement of the server-rendered
// board: until the page is hydrated (or for members who may not move cards) columns and cards are plain
// elements with their no-JavaScript forms; after hydration each card gets a dnd-kit handle that works by
// mouse, touch and keyboard (Space to lift, arrows to go from column to column, Space to drop, Escape to
// cancel), announced in the reader's language. A drop only reports (card, column); the page sends it to
// the domain's transition, which alone decides (the graph, the version).
import { createContext, useContext, useRef, useState, type ReactNode } from "react";
import {
  DndContext, DragOverlay, KeyboardSensor, PointerSensor, pointerWithin, useDraggable, useDroppable, useSensor, useSensors,
  type Announcements, type CollisionDetection, type KeyboardCoordinateGetter, type UniqueIdentifier,
} from "@dnd-kit/core";
import type { InvitationStatus } from "@prisma/client";
import { useTranslation } from "~/i18n/react";
import { canTransition, invitationStatuses } from "~/domain/invitation-status";

export interface BoardCard { id: string; status: InvitationStatus; title: string }

const Enabled = createContext(false);
const Dragged = createContext<BoardCard | null>(null);

/** The column whose horizontal span holds x (columns stand side by side; a card is never wider than one). */
function columnAt(rects: Map<UniqueIdentifier, { left: number; width: number }>, x: number): UniqueIdentifier | undefined {
  for (const [id, r] of rects) if (r.left <= x && x <= r.left + r.width) return id;
  return undefined;
}

/**
 * Keyboard moves jump whole columns: ArrowLeft/ArrowRight to the column on that side (whatever the
 * writing direction), ArrowDown/ArrowUp to the next/previous status in the pipeline's order.
 */
const columnKeys: KeyboardCoordinateGetter = (event, { context: { collisionRect, droppableRects } }) => {
  if (!collisionRect) return undefined;
  const cx = collisionRect.left + collisionRect.width / 2;
  const rects = [...droppableRects.entries()].sort(([, a], [, b]) => a.left - b.left);
  let target: (typeof rects)[number] | undefined;
  if (event.code === "ArrowRight") target = rects.find(([, r]) => r.left > cx);
  else if (event.code === "ArrowLeft") target = [...rects].reverse().find(([, r]) => r.left + r.width < cx);
  else if (event.code === "ArrowDown" || event.code === "ArrowUp") {
    const here = columnAt(droppableRects, cx);
    const i = invitationStatuses.indexOf(here as InvitationStatus);
    const next = invitationStatuses[i + (event.code === "ArrowDown" ? 1 : -1)];
    target = rects.find(([id]) => id === next);
  } else return undefined;
  event.preventDefault();
  if (!target) return undefined;
  const [, r] = target;
  return { x: r.left + (r.width - collisionRect.width) / 2, y: collisionRect.top };
};

/** By pointer: the column under it; by keyboard: the column under the lifted card's centre. */
const collision: CollisionDetection = (args) => {
  if (args.pointerCoordinates) return pointerWithin(args);
  const id = columnAt(args.droppableRects, args.collisionRect.left + args.collisionRect.width / 2);
  const container = args.droppableContainers.find((c) => c.id === id);
  return container ? [{ id: container.id, data: { droppableContainer: container, value: 0 } }] : [];
};

/** The drag context over the columns; `onDrop` gets a card and a column other than its own. */
export function BoardDnd({ cards, enabled, onDrop, children }: { cards: BoardCard[]; enabled: boolean; onDrop: (card: BoardCard, to: InvitationStatus) => void; children: ReactNode }) {
  const { t } = useTranslation();
  const [active, setActive] = useState<BoardCard | null>(null);
  // Only a change of column is news: the first "over" (the card's own column) would drown the pick-up.
  const lastOver = useRef<UniqueIdentifier | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: columnKeys }));
  if (!enabled) return <Enabled.Provider value={false}>{children}</Enabled.Provider>;
  const card = (id: UniqueIdentifier) => cards.find((c) => c.id === id);
  const column = (id: UniqueIdentifier | undefined) => (id ? t(`status.${String(id)}`) : "");
  const verdict = (c: BoardCard | undefined, to: UniqueIdentifier) =>
    c && c.status !== to ? t(canTransition(c.status, to as InvitationStatus) ? "invitations.drag.allowed" : "invitations.drag.refused") : "";
  const announcements: Announcements = {
    onDragStart: ({ active }) => t("invitations.drag.picked", { title: card(active.id)?.title ?? "", column: column(card(active.id)?.status) }),
    onDragOver: ({ active, over }) => {
      if ((over?.id ?? null) === lastOver.current) return undefined;
      lastOver.current = over?.id ?? null;
      return over ? t("invitations.drag.over", { title: card(active.id)?.title ?? "", column: column(over.id), verdict: verdict(card(active.id), over.id) }) : t("invitations.drag.outside", { title: card(active.id)?.title ?? "" });
    },
    onDragEnd: ({ active, over }) =>
      over && over.id !== card(active.id)?.status
        ? t("invitations.drag.dropped", { title: card(active.id)?.title ?? "", column: column(over.id) })
        : t("invitations.drag.cancelled", { title: card(active.id)?.title ?? "" }),
    onDragCancel: ({ active }) => t("invitations.drag.cancelled", { title: card(active.id)?.title ?? "" }),
  };
  return (
    <Enabled.Provider value={true}>
      <Dragged.Provider value={active}>
        <DndContext
          sensors={sensors}
          collisionDetection={collision}
          accessibility={{ announcements, screenReaderInstructions: { draggable: t("invitations.drag.instructions") } }}
          onDragStart={({ active }) => {
            const c = card(active.id) ?? null;
            lastOver.current = c?.status ?? null;
            setActive(c);
          }}
          onDragCancel={() => setActive(null)}
          onDragEnd={({ active, over }) => {
            setActive(null);
            const c = card(active.id);
            if (c && over && over.id !== c.status) onDrop(c, over.id as InvitationStatus);
          }}
        >
          {children}
          {/* The lifted card floats above the board, not clipped by its column. */}
          <DragOverlay dropAnimation={null}>{active ? <div className="card p-2 text-sm font-semibold shadow-lg" data-testid="card-overlay">{active.title}</div> : null}</DragOverlay>
        </DndContext>
      </Dragged.Provider>
    </Enabled.Provider>
  );
}

/** A column: a drop target once dragging is on; `state` says whether the card being dragged may go there. */
export function BoardColumn({ status, className, children, ...rest }: { status: InvitationStatus; className: (state: "idle" | "allowed" | "refused" | "over-refused" | "over-allowed") => string; children: ReactNode } & Record<string, unknown>) {
  const enabled = useContext(Enabled);
  if (!enabled) return <section className={className("idle")} {...rest}>{children}</section>;
  return <DroppableColumn status={status} className={className} rest={rest}>{children}</DroppableColumn>;
}

function DroppableColumn({ status, className, rest, children }: { status: InvitationStatus; className: (state: "idle" | "allowed" | "refused" | "over-refused" | "over-allowed") => string; rest: Record<string, unknown>; children: ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: status });
  const dragged = useContext(Dragged);
  const allowed = dragged && dragged.status !== status ? canTransition(dragged.status, status) : null;
  const state = allowed === null ? "idle" : isOver ? (allowed ? "over-allowed" : "over-refused") : allowed ? "allowed" : "refused";
  return (
    <section ref={setNodeRef} className={className(state)} data-drop={allowed === null ? undefined : allowed ? "allowed" : "refused"} {...rest}>
      {children}
    </section>
  );
}

/** The card's drag handle (nothing before hydration or for members who may not move cards). */
export function CardHandle({ card }: { card: BoardCard }) {
  const enabled = useContext(Enabled);
  return enabled ? <Handle card={card} /> : null;
}

function Handle({ card }: { card: BoardCard }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: card.id });
  return (
    <button
      type="button"
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      aria-label={t("invitations.drag.handle", { title: card.title })}
      data-testid="card-drag"
      className={`flex min-h-6 min-w-6 shrink-0 cursor-grab touch-none items-center justify-center rounded text-base leading-none text-stone-600 hover:bg-stone-200 ${isDragging ? "opacity-40" : ""}`}
    >
      <span aria-hidden="true">⠿</span>
    </button>
  );
}
