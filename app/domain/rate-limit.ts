// Sign-in throttling (ADR 0026) with rate-limiter-flexible, in Redis when there is one (all instances
// share it) and in the database otherwise (it survives restarts). Two rules:
// - per account + IP, an exponential delay: after a few free typos each failure doubles the wait before
//   the next attempt from that IP for that account, up to a cap. A stranger slows themselves down, not
//   the owner signing in from elsewhere (the old per-account window let anyone lock anyone out);
// - per IP, a budget of failures across all accounts, so one address cannot walk the whole member list.
// Failures for unknown emails count the same, so the limiter reveals nothing about which accounts exist.
import type { PrismaClient } from "@prisma/client";
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { sha256 } from "./tokens.server";

/** Failures from one IP for one account that cost no wait (typos). */
export const FREE_FAILURES = 3;
/** The longest wait between two attempts of one account from one IP. */
export const MAX_DELAY_SECONDS = 15 * 60;
/** Failures of one IP across all accounts per hour (SIGNIN_IP_FAILURES_PER_HOUR, default 100). */
export const ipFailuresPerHour = () => {
  const n = Number(process.env.SIGNIN_IP_FAILURES_PER_HOUR ?? 100);
  return Number.isInteger(n) && n > 0 ? n : 100;
};

/** Seconds to wait after the n-th consecutive failure (1-based). */
export function delayAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** (failures - FREE_FAILURES));
}

export interface SignInStores {
  prisma: PrismaClient;
  redisClient?: Redis | null;
}

export class SignInLimiter {
  private failures: RateLimiterAbstract;
  private delay: RateLimiterAbstract;
  private ip: RateLimiterAbstract;

  constructor(stores: SignInStores, prefix = process.env.REDIS_PREFIX || "tawafuq") {
    const make = (opts: { keyPrefix: string; points: number; duration: number }) =>
      stores.redisClient
        ? new RateLimiterRedis({
            ...opts,
            storeClient: stores.redisClient,
            keyPrefix: `${prefix}:${opts.keyPrefix}`,
            // Redis unreachable: this instance keeps counting in memory rather than failing every sign-in.
            insuranceLimiter: new RateLimiterMemory(opts),
          })
        : // The model's client accessor, not the table name.
          new RateLimiterPrisma({ ...opts, storeClient: stores.prisma, tableName: "rateLimiterFlexible" });
    // Consecutive failures of an account from an IP; a quiet day forgets them.
    this.failures = make({ keyPrefix: "signin:fail", points: 1_000_000, duration: 86400 });
    // The current wait of an account from an IP, set with block().
    this.delay = make({ keyPrefix: "signin:delay", points: 1, duration: 1 });
    this.ip = make({ keyPrefix: "signin:ip", points: ipFailuresPerHour(), duration: 3600 });
  }

  /** Emails and addresses are not kept in clear in the store. */
  private static pair(account: string, ip: string) {
    return sha256(`${account.trim().toLowerCase()}\n${ip}`);
  }

  /** Seconds before this account may be tried again from this IP, or 0. */
  async retryAfter(account: string, ip: string): Promise<number> {
    const [delay, perIp] = await Promise.all([this.delay.get(SignInLimiter.pair(account, ip)), this.ip.get(sha256(ip))]);
    let ms = 0;
    if (delay && delay.consumedPoints > 1) ms = Math.max(ms, delay.msBeforeNext);
    if (perIp && perIp.consumedPoints >= ipFailuresPerHour()) ms = Math.max(ms, perIp.msBeforeNext);
    return ms > 0 ? Math.max(1, Math.ceil(ms / 1000)) : 0;
  }

  /** Counts a wrong password or code; returns the seconds the next attempt must wait. */
  async fail(account: string, ip: string): Promise<number> {
    const key = SignInLimiter.pair(account, ip);
    const [failures] = await Promise.all([this.failures.penalty(key, 1), this.ip.penalty(sha256(ip), 1)]);
    const wait = delayAfter(failures.consumedPoints);
    if (wait > 0) await this.delay.block(key, wait);
    return wait;
  }

  /** A success from this IP forgets its failures for this account (not the IP's budget). */
  async reset(account: string, ip: string): Promise<void> {
    const key = SignInLimiter.pair(account, ip);
    await Promise.all([this.failures.delete(key), this.delay.delete(key)]);
  }
}

const limiters = new WeakMap<object, SignInLimiter>();

/** One limiter per set of services (per server), made on first use. */
export function signInLimiter(services: SignInStores): SignInLimiter {
  let l = limiters.get(services);
  if (!l) limiters.set(services, (l = new SignInLimiter(services)));
  return l;
}
