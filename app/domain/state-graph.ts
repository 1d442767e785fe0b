// Paths through a life-cycle graph (invitations, amendments): pure, for seeding and imports, which
// write a history that could have happened.

/** The shortest legal path from `from` to `target` (both included); [target] alone when unreachable. */
export function shortestPath<S extends string>(transitions: Record<S, readonly S[]>, from: S, target: S): S[] {
  const prev = new Map<S, S | null>([[from, null]]);
  const queue: S[] = [from];
  while (queue.length) {
    const s = queue.shift()!;
    if (s === target) break;
    for (const n of transitions[s]) if (!prev.has(n)) (prev.set(n, s), queue.push(n));
  }
  const path: S[] = [];
  for (let s: S | null | undefined = target; s; s = prev.get(s)) path.unshift(s);
  return path;
}
