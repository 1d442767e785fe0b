// The amendment window: when forces may submit. It is made of phases (first reading, second reading…,
// ADR 0061), each with its own opening and closing time; the window is open while one of them is.
// Pure: shared by the domain (which enforces it) and the pages (countdown, notices).

export interface PhaseLike {
  id: string;
  name: string;
  openAt: Date;
  closeAt: Date;
}

export type WindowState = "unset" | "notYetOpen" | "open" | "closed";

export interface WindowInfo<P extends PhaseLike = PhaseLike> {
  state: WindowState;
  /** The phase open now. */
  current: P | null;
  /** The next phase to open (after now). */
  next: P | null;
  /** The phase that closed last before now: what a late submission missed. */
  last: P | null;
  /** 1-based position of each phase by opening time, for "Phase n" when a phase has no name. */
  numberOf: (p: PhaseLike) => number;
}

/** Phases in opening order. */
export const byOpening = <P extends PhaseLike>(phases: readonly P[]) => [...phases].sort((x, y) => x.openAt.getTime() - y.openAt.getTime());

/** Where `now` falls among the phases. Between two phases the window counts as closed (a late submission). */
export function windowOf<P extends PhaseLike>(phases: readonly P[], now: Date): WindowInfo<P> {
  const sorted = byOpening(phases);
  const t = now.getTime();
  const current = sorted.find((p) => p.openAt.getTime() <= t && t < p.closeAt.getTime()) ?? null;
  const next = sorted.find((p) => p.openAt.getTime() > t) ?? null;
  const last = sorted.filter((p) => p.closeAt.getTime() <= t).sort((x, y) => y.closeAt.getTime() - x.closeAt.getTime())[0] ?? null;
  const state: WindowState = !sorted.length ? "unset" : current ? "open" : last ? "closed" : "notYetOpen";
  return { state, current, next, last, numberOf: (p) => sorted.findIndex((q) => q.id === p.id) + 1 };
}

export function windowState(phases: readonly PhaseLike[], now: Date): WindowState {
  return windowOf(phases, now).state;
}

/** Two phases overlap when one opens before the other closes. */
export const overlaps = (a: { openAt: Date; closeAt: Date }, b: { openAt: Date; closeAt: Date }) => a.openAt < b.closeAt && b.openAt < a.closeAt;
