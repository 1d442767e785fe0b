// Remix runs the root, layout and page loaders of one request separately, each with its own copy of the
// Request; the load context object is the one thing they share, so it keys what they read once.
// Reads only: the loaders that run after an action must see what the action changed.
const memos = new WeakMap<object, Map<string, Promise<unknown>>>();

export function oncePerRequest<T>(request: Request, context: object | undefined, key: string, read: () => Promise<T>): Promise<T> {
  if (!context || (request.method !== "GET" && request.method !== "HEAD")) return read();
  let memo = memos.get(context);
  if (!memo) memos.set(context, (memo = new Map()));
  let found = memo.get(key) as Promise<T> | undefined;
  if (!found) memo.set(key, (found = read()));
  return found;
}
