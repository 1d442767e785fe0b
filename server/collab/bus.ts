// Fan-out between server instances (ADR 0011). With REDIS_URL every instance that has a paper open
// subscribes to the paper's channel; updates and awareness accepted from its own clients are published
// there and applied by the other instances, each message tagged with the publishing instance so it is
// never applied back where it came from. An instance that opens a paper (or reconnects to Redis) asks
// the others for what it lacks with its state vector, covering updates still in their write queues.
// Without Redis the bus is a no-op: one instance holds every open paper.
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import type { Logger } from "pino";

export interface PaperBusHandlers {
  update(update: Uint8Array): void;
  awareness(update: Uint8Array): void;
  /** Another instance opened the paper and has this state vector. */
  syncRequest(stateVector: Uint8Array): void;
  /** The Redis connection came back: messages may have been lost meanwhile. */
  resync(): void;
}

export interface PaperBus {
  readonly distributed: boolean;
  join(paperId: string, handlers: PaperBusHandlers): Promise<void>;
  leave(paperId: string): void;
  publishUpdate(paperId: string, update: Uint8Array): void;
  publishAwareness(paperId: string, update: Uint8Array): void;
  requestSync(paperId: string, stateVector: Uint8Array): void;
  close(): Promise<void>;
}

export const localBus: PaperBus = {
  distributed: false,
  join: async () => {},
  leave: () => {},
  publishUpdate: () => {},
  publishAwareness: () => {},
  requestSync: () => {},
  close: async () => {},
};

const UPDATE = 0;
const AWARENESS = 1;
const SYNC_REQUEST = 2;

export function redisBus(redis: Redis, log: Logger, prefix = process.env.REDIS_PREFIX || "tawafuq"): PaperBus {
  const instance = randomBytes(8).toString("hex");
  const pub = redis.duplicate();
  const sub = redis.duplicate();
  const channelPrefix = `${prefix}:collab:`;
  const joined = new Map<string, PaperBusHandlers>();
  let everReady = false;

  pub.on("error", (err) => log.warn({ err }, "collab bus: publisher error"));
  sub.on("error", (err) => log.warn({ err }, "collab bus: subscriber error"));
  sub.on("ready", () => {
    if (everReady) for (const h of joined.values()) h.resync();
    everReady = true;
  });
  sub.on("messageBuffer", (channel: Buffer, message: Buffer) => {
    const paperId = channel.toString().slice(channelPrefix.length);
    const handlers = joined.get(paperId);
    if (!handlers) return;
    try {
      const d = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.length));
      const type = decoding.readVarUint(d);
      if (decoding.readVarString(d) === instance) return;
      const payload = decoding.readVarUint8Array(d);
      if (type === UPDATE) handlers.update(payload);
      else if (type === AWARENESS) handlers.awareness(payload);
      else if (type === SYNC_REQUEST) handlers.syncRequest(payload);
    } catch (err) {
      log.error({ err, paperId }, "collab bus: bad message");
    }
  });

  const publish = (paperId: string, type: number, payload: Uint8Array) => {
    if (!joined.has(paperId)) return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, type);
    encoding.writeVarString(e, instance);
    encoding.writeVarUint8Array(e, payload);
    pub.publish(channelPrefix + paperId, Buffer.from(encoding.toUint8Array(e))).catch((err) => log.warn({ err, paperId }, "collab bus: publish failed"));
  };

  return {
    distributed: true,
    async join(paperId, handlers) {
      joined.set(paperId, handlers);
      await sub.subscribe(channelPrefix + paperId);
    },
    leave(paperId) {
      if (!joined.delete(paperId)) return;
      sub.unsubscribe(channelPrefix + paperId).catch(() => {});
    },
    publishUpdate: (paperId, update) => publish(paperId, UPDATE, update),
    publishAwareness: (paperId, update) => publish(paperId, AWARENESS, update),
    requestSync: (paperId, sv) => publish(paperId, SYNC_REQUEST, sv),
    async close() {
      joined.clear();
      await Promise.all([pub.quit().catch(() => pub.disconnect()), sub.quit().catch(() => sub.disconnect())]);
    },
  };
}

/**
 * "These accounts' access changed" (ADR 0025), for every instance: each re-checks the open connections
 * of those accounts. In process, listeners hear it at once; with Redis it is also published on
 * `<prefix>:access`, tagged with this instance so it is not heard twice here.
 */
export interface AccessBus {
  publish(userIds: string[]): void;
  subscribe(listener: (userIds: string[]) => void): void;
  close(): Promise<void>;
}

export function accessBus(redis: Redis | null, log: Logger, prefix = process.env.REDIS_PREFIX || "tawafuq"): AccessBus {
  const instance = randomBytes(8).toString("hex");
  const channel = `${prefix}:access`;
  const listeners: ((userIds: string[]) => void)[] = [];
  const deliver = (userIds: string[]) => {
    for (const l of listeners) {
      try {
        l(userIds);
      } catch (err) {
        log.error({ err }, "access bus: listener failed");
      }
    }
  };
  const pub = redis?.duplicate();
  const sub = redis?.duplicate();
  pub?.on("error", (err) => log.warn({ err }, "access bus: publisher error"));
  sub?.on("error", (err) => log.warn({ err }, "access bus: subscriber error"));
  sub?.on("message", (_channel: string, message: string) => {
    try {
      const m = JSON.parse(message) as { from?: unknown; users?: unknown };
      if (m.from === instance || !Array.isArray(m.users)) return;
      deliver(m.users.filter((u): u is string => typeof u === "string"));
    } catch (err) {
      log.error({ err }, "access bus: bad message");
    }
  });
  const subscribed = sub?.subscribe(channel).catch((err) => log.error({ err }, "access bus: subscribe failed"));
  return {
    publish(userIds) {
      if (!userIds.length) return;
      deliver(userIds);
      pub?.publish(channel, JSON.stringify({ from: instance, users: userIds })).catch((err) => log.warn({ err }, "access bus: publish failed"));
    },
    subscribe(listener) {
      listeners.push(listener);
    },
    async close() {
      listeners.length = 0;
      await subscribed;
      await Promise.all([pub?.quit().catch(() => pub.disconnect()), sub?.quit().catch(() => sub.disconnect())]);
    },
  };
}
