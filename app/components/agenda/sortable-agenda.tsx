// Drag-to-reorder for the agenda (ADR 0057), an enhancement of the server-rendered list: until the page is
// hydrated (or for members who may not edit) the rows render as plain <li>s with their up/down forms; after
// hydration the same rows become dnd-kit sortables with a handle that works by mouse, touch and keyboard
// (Space to lift, arrows to move, Space to drop, Escape to cancel), announced in the reader's language.
// Items may cross into another session. Sessions drag too, within their day, by a handle of their own
// (ADR 0071): during a session's drag the items are no drop targets, and during an item's drag the
// sessions are none. A drop only reports the move (item or session, version, position); the page posts it
// to the same domain move the buttons use, and reloads on a conflict.
import { createContext, useContext, useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from "react";
import {
  closestCenter, DndContext, KeyboardSensor, PointerSensor, pointerWithin, useDroppable, useSensor, useSensors,
  type Announcements, type CollisionDetection, type DragEndEvent, type DragOverEvent, type DragStartEvent, type UniqueIdentifier,
} from "@dnd-kit/core";
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useTranslation } from "~/i18n/react";

export interface DraggableItem { id: string; title: string; version: number }
export interface DraggableSession { id: string; title: string; day: string; version: number; items: DraggableItem[] }
export interface ItemMove { itemId: string; version: number; sessionId: string; position: number }
export interface SessionMove { sessionId: string; version: number; position: number }

/** Session containers are droppables too (so an empty session takes a drop); their ids carry this prefix. */
const SESSION = "session:";
const isSession = (id: UniqueIdentifier) => String(id).startsWith(SESSION);
/** A session as a sortable among its day's sessions (not a drop target for items). */
const SLOT = "slot:";
const isSlot = (id: UniqueIdentifier) => String(id).startsWith(SLOT);
const unslot = (id: UniqueIdentifier) => String(id).slice(SLOT.length);

type Order = Record<string, string[]>;
const orderOf = (sessions: DraggableSession[]): Order => Object.fromEntries(sessions.map((s) => [s.id, s.items.map((i) => i.id)]));
/** The sessions' ids by day, in agenda order. */
const daysOf = (sessions: DraggableSession[]): Order => {
  const days: Order = {};
  for (const s of sessions) (days[s.day] ??= []).push(s.id);
  return days;
};

const Enabled = createContext(false);
/** What is being dragged: an item, or a session of a day (only its day's sessions are targets then). */
type Dragging = { kind: "item" } | { kind: "session"; day: string } | null;
const DraggingNow = createContext<Dragging>(null);

/** What a row hands its content: the handle's props (null when dragging is off) and the row's ref and style. */
export interface RowHandle {
  handle: (Record<string, unknown> & { ref?: (el: HTMLElement | null) => void }) | null;
  dragging: boolean;
}

export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/**
 * The drag context over all sessions. `children` renders the sessions from `order` (the ids per session as
 * they stand, including a drag in progress); without `enabled` it is the server's order and no drag.
 */
export function SortableAgenda({ sessions, enabled, onMove, onMoveSession, children }: {
  sessions: DraggableSession[];
  enabled: boolean;
  onMove: (m: ItemMove) => void;
  onMoveSession: (m: SessionMove) => void;
  children: (order: Order, days: Order) => ReactNode;
}) {
  const { t } = useTranslation();
  const [order, setOrder] = useState(() => orderOf(sessions));
  const [days, setDays] = useState(() => daysOf(sessions));
  const [dragging, setDragging] = useState<Dragging>(null);
  // The loader's data is the truth: a reload (after a drop, a conflict or someone else's change) resets it.
  useEffect(() => {
    setOrder(orderOf(sessions));
    setDays(daysOf(sessions));
  }, [sessions]);
  const sessionById = useMemo(() => new Map(sessions.map((s) => [s.id, s] as const)), [sessions]);
  const reset = () => {
    setOrder(orderOf(sessions));
    setDays(daysOf(sessions));
    setDragging(null);
  };
  const origin = useRef<{ sessionId: string; index: number } | null>(null);
  const lastOver = useRef<UniqueIdentifier | null>(null);
  const byId = useMemo(() => new Map(sessions.flatMap((s) => s.items.map((i) => [i.id, i] as const))), [sessions]);
  const titleOf = (id: UniqueIdentifier) => byId.get(String(id))?.title ?? "";
  const sessionTitle = (id: string) => sessions.find((s) => s.id === id)?.title ?? "";
  const containerOf = (o: Order, id: UniqueIdentifier) => (isSession(id) ? String(id).slice(SESSION.length) : Object.keys(o).find((k) => o[k]!.includes(String(id))));
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  // Items win over their session's box; an empty session is a target; the keyboard (no pointer) goes to the nearest item.
  const collision: CollisionDetection = (all) => {
    // A session goes to the nearest session of its day; an item never lands on a session's slot.
    if (isSlot(all.active.id)) {
      const day = sessionById.get(unslot(all.active.id))?.day ?? "";
      return closestCenter({ ...all, droppableContainers: all.droppableContainers.filter((c) => isSlot(c.id) && days[day]?.includes(unslot(c.id))) });
    }
    const args = { ...all, droppableContainers: all.droppableContainers.filter((c) => !isSlot(c.id)) };
    const within = pointerWithin(args);
    const item = within.find((c) => !isSession(c.id));
    if (item) return [item];
    const box = within.find((c) => isSession(c.id));
    const boxId = box && String(box.id).slice(SESSION.length);
    const items = args.droppableContainers.filter((c) => !isSession(c.id) && (!boxId || order[boxId]?.includes(String(c.id))));
    if (box && items.length === 0) return [box];
    return closestCenter({ ...args, droppableContainers: items.length ? items : args.droppableContainers });
  };

  /** "position n of m in session s", for the announcements. */
  const where = (o: Order, id: UniqueIdentifier) => {
    const s = containerOf(o, id);
    if (!s) return "";
    const index = isSession(id) ? o[s]!.length : o[s]!.indexOf(String(id));
    return t("agenda.drag.where", { position: index + 1, count: Math.max(o[s]!.length, index + 1), session: sessionTitle(s) });
  };
  /** A session's "position n of m on the day d". */
  const slotWhere = (id: UniqueIdentifier) => {
    const day = sessionById.get(unslot(id))?.day ?? "";
    const list = days[day] ?? [];
    return t("agenda.drag.where", { position: list.indexOf(unslot(id)) + 1, count: list.length, session: t("agenda.drag.day", { day }) });
  };
  const sessionTitleOf = (id: UniqueIdentifier) => sessionById.get(unslot(id))?.title ?? "";
  // Session drags say "session" where item drags say "item" (the strings differ in gender in Arabic).
  const said = (active: UniqueIdentifier, key: "picked" | "over" | "outside" | "dropped" | "cancelled", over?: UniqueIdentifier) =>
    isSlot(active)
      ? t(`agenda.drag.session${key[0]!.toUpperCase()}${key.slice(1)}`, { title: sessionTitleOf(active), where: over !== undefined ? slotWhere(over) : "" })
      : t(`agenda.drag.${key}`, { title: titleOf(active), where: over !== undefined ? where(order, over) : "" });
  const announcements: Announcements = {
    onDragStart: ({ active }) => said(active.id, "picked", active.id),
    // Only a change of place is news: the first "over" (the item itself) would drown the pick-up.
    onDragOver: ({ active, over }) => {
      if ((over?.id ?? null) === lastOver.current) return undefined;
      lastOver.current = over?.id ?? null;
      return over ? said(active.id, "over", over.id) : said(active.id, "outside");
    },
    onDragEnd: ({ active, over }) => (over ? said(active.id, "dropped", over.id) : said(active.id, "cancelled")),
    onDragCancel: ({ active }) => said(active.id, "cancelled"),
  };

  function onDragStart({ active }: DragStartEvent) {
    lastOver.current = active.id;
    if (isSlot(active.id)) {
      setDragging({ kind: "session", day: sessionById.get(unslot(active.id))?.day ?? "" });
      return;
    }
    setDragging({ kind: "item" });
    const s = containerOf(order, active.id)!;
    origin.current = { sessionId: s, index: order[s]!.indexOf(String(active.id)) };
  }

  // Crossing into another session moves the id there while dragging, so the lists make room for it.
  function onDragOver({ active, over }: DragOverEvent) {
    if (!over || isSlot(active.id)) return;
    setOrder((o) => {
      const from = containerOf(o, active.id);
      const to = containerOf(o, over.id);
      if (!from || !to || from === to) return o;
      const target = [...o[to]!];
      const at = isSession(over.id) ? target.length : Math.max(0, target.indexOf(String(over.id)));
      target.splice(at, 0, String(active.id));
      return { ...o, [from]: o[from]!.filter((x) => x !== String(active.id)), [to]: target };
    });
  }

  /** A session dropped among its day's sessions: it takes the place (and so the time slot) it was dropped on. */
  function onSessionDrop(active: UniqueIdentifier, over: UniqueIdentifier | null) {
    const session = sessionById.get(unslot(active));
    const list = (session && days[session.day]) ?? [];
    const from = list.indexOf(unslot(active));
    const to = over !== null && isSlot(over) ? list.indexOf(unslot(over)) : -1;
    if (!session || from < 0 || to < 0 || from === to) return reset();
    setDays({ ...days, [session.day]: arrayMove(list, from, to) });
    setDragging(null);
    onMoveSession({ sessionId: session.id, version: session.version, position: to });
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    if (isSlot(active.id)) return onSessionDrop(active.id, over?.id ?? null);
    setDragging(null);
    const start = origin.current;
    origin.current = null;
    const to = over && containerOf(order, over.id);
    if (!over || !to || !start) return setOrder(orderOf(sessions));
    const list = order[to]!;
    const from = list.indexOf(String(active.id));
    const final = isSession(over.id) || from < 0 ? list : arrayMove(list, from, list.indexOf(String(over.id)));
    setOrder({ ...order, [to]: final });
    const position = final.indexOf(String(active.id));
    if (to === start.sessionId && position === start.index) return;
    const item = byId.get(String(active.id))!;
    onMove({ itemId: item.id, version: item.version, sessionId: to, position });
  }

  if (!enabled) return <Enabled.Provider value={false}>{children(orderOf(sessions), daysOf(sessions))}</Enabled.Provider>;
  return (
    <Enabled.Provider value={true}>
      <DraggingNow.Provider value={dragging}>
      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t("agenda.drag.instructions") } }}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={reset}
      >
        {children(order, days)}
      </DndContext>
      </DraggingNow.Provider>
    </Enabled.Provider>
  );
}

/** A session's list: a sortable context and a drop target for its box when dragging is on. */
export function SessionList({ sessionId, ids, className, children }: { sessionId: string; ids: string[]; className?: string; children: ReactNode }) {
  const enabled = useContext(Enabled);
  if (!enabled) return <ol className={className}>{children}</ol>;
  return <DroppableList sessionId={sessionId} ids={ids} className={className}>{children}</DroppableList>;
}

function DroppableList({ sessionId, ids, className, children }: { sessionId: string; ids: string[]; className?: string; children: ReactNode }) {
  const dragging = useContext(DraggingNow);
  const { setNodeRef, isOver } = useDroppable({ id: `${SESSION}${sessionId}`, disabled: dragging?.kind === "session" });
  return (
    <SortableContext id={sessionId} items={ids} strategy={verticalListSortingStrategy}>
      {/* min-height: an empty session still has a box to drop into. */}
      <ol ref={setNodeRef} className={`${className ?? ""} min-h-10 ${isOver ? "rounded bg-emerald-50" : ""}`} data-testid="agenda-list" data-session={sessionId}>
        {children}
      </ol>
    </SortableContext>
  );
}

/** One row: a plain <li> or a sortable one whose content gets the drag handle's props. */
export function SortableRow({ id, className, rowProps, children }: { id: string; className: string; rowProps: Record<string, unknown>; children: (h: RowHandle) => ReactNode }) {
  const enabled = useContext(Enabled);
  if (!enabled) return <li className={className} {...rowProps}>{children({ handle: null, dragging: false })}</li>;
  return <Sortable id={id} className={className} rowProps={rowProps}>{children}</Sortable>;
}

function Sortable({ id, className, rowProps, children }: { id: string; className: string; rowProps: Record<string, unknown>; children: (h: RowHandle) => ReactNode }) {
  // While a session is dragged, items are no targets (the keyboard would otherwise step onto them).
  const dragging = useContext(DraggingNow);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id, disabled: { draggable: false, droppable: dragging?.kind === "session" } });
  const style: CSSProperties = { transform: CSS.Translate.toString(transform), transition, position: "relative", zIndex: isDragging ? 10 : undefined };
  return (
    <li ref={setNodeRef} style={style} className={`${className} ${isDragging ? "shadow-lg" : ""}`} {...rowProps}>
      {children({ handle: { ...attributes, ...listeners, ref: setActivatorNodeRef }, dragging: isDragging })}
    </li>
  );
}

/** A day's sessions: one sortable context, so a session moves only among its day's. */
export function DaySessions({ day, ids, children }: { day: string; ids: string[]; children: ReactNode }) {
  const enabled = useContext(Enabled);
  if (!enabled) return <>{children}</>;
  return (
    <SortableContext id={`day:${day}`} items={ids.map((id) => `${SLOT}${id}`)} strategy={verticalListSortingStrategy}>
      {children}
    </SortableContext>
  );
}

/** One session's box: a plain <div>, or a sortable one whose content gets its drag handle's props. */
export function SortableSession({ id, day, rowProps, children }: { id: string; day: string; rowProps: Record<string, unknown>; children: (h: RowHandle) => ReactNode }) {
  const enabled = useContext(Enabled);
  if (!enabled) return <div {...rowProps}>{children({ handle: null, dragging: false })}</div>;
  return <SortableSessionBox id={id} day={day} rowProps={rowProps}>{children}</SortableSessionBox>;
}

function SortableSessionBox({ id, day, rowProps, children }: { id: string; day: string; rowProps: Record<string, unknown>; children: (h: RowHandle) => ReactNode }) {
  const dragging = useContext(DraggingNow);
  // No target for an item, nor for a session of another day.
  const offTarget = dragging?.kind === "item" || (dragging?.kind === "session" && dragging.day !== day);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: `${SLOT}${id}`, disabled: { draggable: false, droppable: offTarget } });
  const style: CSSProperties = { transform: CSS.Translate.toString(transform), transition, position: "relative", zIndex: isDragging ? 10 : undefined };
  return (
    <div ref={setNodeRef} style={style} className={isDragging ? "shadow-lg" : undefined} {...rowProps}>
      {children({ handle: { ...attributes, ...listeners, ref: setActivatorNodeRef }, dragging: isDragging })}
    </div>
  );
}
