// Drag-to-reorder for the agenda (ADR 0057), an enhancement of the server-rendered list: until the page is
// hydrated (or for members who may not edit) the rows render as plain <li>s with their up/down forms; after
// hydration the same rows become dnd-kit sortables with a handle that works by mouse, touch and keyboard
// (Space to lift, arrows to move, Space to drop, Escape to cancel), announced in the reader's language.
// Items may cross into another session. A drop only reports the move (item, version, session, position);
// the page posts it to the same domain move the buttons use, and reloads on a conflict.
import { createContext, useContext, useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from "react";
import {
  closestCenter, DndContext, KeyboardSensor, PointerSensor, pointerWithin, useDroppable, useSensor, useSensors,
  type Announcements, type CollisionDetection, type DragEndEvent, type DragOverEvent, type DragStartEvent, type UniqueIdentifier,
} from "@dnd-kit/core";
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useTranslation } from "~/i18n/react";

export interface DraggableItem { id: string; title: string; version: number }
export interface DraggableSession { id: string; title: string; items: DraggableItem[] }
export interface ItemMove { itemId: string; version: number; sessionId: string; position: number }

/** Session containers are droppables too (so an empty session takes a drop); their ids carry this prefix. */
const SESSION = "session:";
const isSession = (id: UniqueIdentifier) => String(id).startsWith(SESSION);

type Order = Record<string, string[]>;
const orderOf = (sessions: DraggableSession[]): Order => Object.fromEntries(sessions.map((s) => [s.id, s.items.map((i) => i.id)]));

const Enabled = createContext(false);

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
export function SortableAgenda({ sessions, enabled, onMove, children }: { sessions: DraggableSession[]; enabled: boolean; onMove: (m: ItemMove) => void; children: (order: Order) => ReactNode }) {
  const { t } = useTranslation();
  const [order, setOrder] = useState(() => orderOf(sessions));
  // The loader's data is the truth: a reload (after a drop, a conflict or someone else's change) resets it.
  useEffect(() => setOrder(orderOf(sessions)), [sessions]);
  const origin = useRef<{ sessionId: string; index: number } | null>(null);
  const lastOver = useRef<UniqueIdentifier | null>(null);
  const byId = useMemo(() => new Map(sessions.flatMap((s) => s.items.map((i) => [i.id, i] as const))), [sessions]);
  const titleOf = (id: UniqueIdentifier) => byId.get(String(id))?.title ?? "";
  const sessionTitle = (id: string) => sessions.find((s) => s.id === id)?.title ?? "";
  const containerOf = (o: Order, id: UniqueIdentifier) => (isSession(id) ? String(id).slice(SESSION.length) : Object.keys(o).find((k) => o[k]!.includes(String(id))));
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  // Items win over their session's box; an empty session is a target; the keyboard (no pointer) goes to the nearest item.
  const collision: CollisionDetection = (args) => {
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
  const announcements: Announcements = {
    onDragStart: ({ active }) => t("agenda.drag.picked", { title: titleOf(active.id), where: where(order, active.id) }),
    // Only a change of place is news: the first "over" (the item itself) would drown the pick-up.
    onDragOver: ({ active, over }) => {
      if ((over?.id ?? null) === lastOver.current) return undefined;
      lastOver.current = over?.id ?? null;
      return over ? t("agenda.drag.over", { title: titleOf(active.id), where: where(order, over.id) }) : t("agenda.drag.outside", { title: titleOf(active.id) });
    },
    onDragEnd: ({ active, over }) => (over ? t("agenda.drag.dropped", { title: titleOf(active.id), where: where(order, over.id) }) : t("agenda.drag.cancelled", { title: titleOf(active.id) })),
    onDragCancel: ({ active }) => t("agenda.drag.cancelled", { title: titleOf(active.id) }),
  };

  function onDragStart({ active }: DragStartEvent) {
    const s = containerOf(order, active.id)!;
    lastOver.current = active.id;
    origin.current = { sessionId: s, index: order[s]!.indexOf(String(active.id)) };
  }

  // Crossing into another session moves the id there while dragging, so the lists make room for it.
  function onDragOver({ active, over }: DragOverEvent) {
    if (!over) return;
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

  function onDragEnd({ active, over }: DragEndEvent) {
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

  if (!enabled) return <Enabled.Provider value={false}>{children(orderOf(sessions))}</Enabled.Provider>;
  return (
    <Enabled.Provider value={true}>
      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t("agenda.drag.instructions") } }}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={() => setOrder(orderOf(sessions))}
      >
        {children(order)}
      </DndContext>
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
  const { setNodeRef, isOver } = useDroppable({ id: `${SESSION}${sessionId}` });
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
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  const style: CSSProperties = { transform: CSS.Translate.toString(transform), transition, position: "relative", zIndex: isDragging ? 10 : undefined };
  return (
    <li ref={setNodeRef} style={style} className={`${className} ${isDragging ? "shadow-lg" : ""}`} {...rowProps}>
      {children({ handle: { ...attributes, ...listeners, ref: setActivatorNodeRef }, dragging: isDragging })}
    </li>
  );
}
