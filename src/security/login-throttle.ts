/**
 * Slows password guessing without handing attackers a way to lock people out.
 *
 * Failed sign-ins are counted in three scopes, each with a few free attempts and then a delay that
 * doubles with every further failure up to a cap (during a delay the scope refuses at once,
 * whatever the password, and the refusal is not counted):
 * - per account and address: strict (a few attempts, then 1 s, 2 s, 4 s … up to 15 min); a
 *   successful sign-in clears it. Hammering from one address never touches other addresses.
 * - per account, all addresses: far more free attempts and a short cap, so a distributed attack is
 *   slowed while the owner waits at most the cap. Addresses the account signed in from recently
 *   are exempt, so the owner at home or at the office is not slowed at all.
 * - per address, all accounts: high enough that an office behind one NAT is not locked out, low
 *   enough to slow spraying one password over many accounts.
 * An admin's unlock starts the account's counters afresh (every address).
 *
 * The counters live in the shared store (rate-limit-store.ts): every web process sees the same
 * counts and a restart does not clear them.
 */
import { isIPv6 } from 'node:net';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { normalizeEmail } from '../db/repositories/user-repository.js';
import { DomainError } from '../services/errors.js';
import { isRefusal, type RateLimitStore } from './rate-limit-store.js';

export interface ThrottleRule {
  /** Failures in the window before delays start. */
  freeAttempts: number;
  /** Failures are counted over this window (from the first one). */
  windowMs: number;
  /** The first delay; each further failure doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface LoginThrottlePolicy {
  perAccountAndIp: ThrottleRule;
  perAccount: ThrottleRule;
  perIp: ThrottleRule;
  /** An address the account signed in from within this time is exempt from `perAccount` and `perIp`. */
  knownAddressMs: number;
}

const HOUR = 3_600_000;
export const DEFAULT_LOGIN_THROTTLE: LoginThrottlePolicy = {
  perAccountAndIp: { freeAttempts: 3, windowMs: 24 * HOUR, baseDelayMs: 1000, maxDelayMs: 15 * 60_000 },
  perAccount: { freeAttempts: 20, windowMs: 24 * HOUR, baseDelayMs: 1000, maxDelayMs: 60_000 },
  perIp: { freeAttempts: 100, windowMs: HOUR, baseDelayMs: 1000, maxDelayMs: 60_000 },
  knownAddressMs: 30 * 24 * HOUR,
};

/** The delay an attempt sets for the next one, once `attempts` (this one included) are counted. */
export function delayAfter(rule: ThrottleRule, attempts: number): number {
  if (attempts < rule.freeAttempts) return 0;
  return Math.min(rule.baseDelayMs * 2 ** Math.min(attempts - rule.freeAttempts, 40), rule.maxDelayMs);
}

/**
 * The address a counter is kept for. An IPv6 client usually owns a whole /64 and can pick any
 * address in it, so IPv6 addresses count by their /64; IPv4 (also IPv4-mapped IPv6) as they are.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]?.split('::') ?? [];
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** One sign-in attempt that was let through; report how it went. */
export interface LoginAttempt {
  /** The password was right: the (account, address) counters start over. */
  succeeded(): Promise<void>;
}

interface Scope {
  name: 'perAccountAndIp' | 'perAccount' | 'perIp';
  rule: ThrottleRule;
  failures: RateLimiterAbstract;
  /** Held for the delay after an attempt; the next attempt must take it. */
  slots: RateLimiterAbstract;
}

export const tooManyAttempts = (waitMs: number) => {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new DomainError(
    'rate_limited',
    'too_many_attempts',
    `too many failed sign-ins; try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
  );
};

export class LoginThrottle {
  readonly policy: LoginThrottlePolicy;
  private readonly scopes: Record<Scope['name'], Scope>;
  private readonly known: RateLimiterAbstract;
  private readonly epochs: RateLimiterAbstract;

  constructor(store: RateLimitStore, policy: Partial<LoginThrottlePolicy> = {}) {
    this.policy = { ...DEFAULT_LOGIN_THROTTLE, ...policy };
    const scope = (name: Scope['name'], tag: string): Scope => {
      const rule = this.policy[name];
      return {
        name,
        rule,
        failures: store.limiter({
          keyPrefix: `login-fail-${tag}`,
          points: Number.MAX_SAFE_INTEGER,
          durationMs: rule.windowMs,
        }),
        slots: store.limiter({ keyPrefix: `login-wait-${tag}`, points: 1, durationMs: rule.baseDelayMs }),
      };
    };
    this.scopes = {
      perAccountAndIp: scope('perAccountAndIp', 'account-ip'),
      perAccount: scope('perAccount', 'account'),
      perIp: scope('perIp', 'ip'),
    };
    this.known = store.limiter({
      keyPrefix: 'login-known',
      points: 1,
      durationMs: this.policy.knownAddressMs,
    });
    // Never expires: bumped by an unlock, it is part of the account's counter keys.
    this.epochs = store.limiter({ keyPrefix: 'login-epoch', points: Number.MAX_SAFE_INTEGER, durationMs: 0 });
  }

  /**
   * Call before checking the password: throws 429 (with the wait) while a delay runs, else counts
   * the attempt as a failure until `succeeded()` says otherwise. Counting first, atomically, means
   * a burst of parallel guesses gets distinct numbers, so only one of them passes each delay.
   */
  async begin(email: string, clientIp: string): Promise<LoginAttempt> {
    const account = normalizeEmail(email);
    const ip = addressKey(clientIp);
    const epoch = (await this.epochs.get(account))?.consumedPoints ?? 0;
    const accountKey = `${epoch}:${account}`;
    const knownKey = `${account}|${ip}`;
    const isKnown = (await this.known.get(knownKey)) !== null;
    // An address the account signed in from recently is exempt from the broad scopes: neither a
    // distributed attack on the account (perAccount) nor someone else hammering from the same
    // NAT (perIp) may lock its owner out there; the (account, address) scope still applies.
    const active: Array<{ scope: Scope; key: string }> = [
      ...(isKnown
        ? []
        : [
            { scope: this.scopes.perIp, key: ip },
            { scope: this.scopes.perAccount, key: accountKey },
          ]),
      { scope: this.scopes.perAccountAndIp, key: `${accountKey}|${ip}` },
    ];

    const held = await Promise.all(active.map(({ scope, key }) => scope.slots.get(key)));
    const heldFor = Math.max(0, ...held.map((r) => (r && r.consumedPoints >= 1 ? r.msBeforeNext : 0)));
    if (heldFor > 0) throw tooManyAttempts(heldFor);

    const counted = await Promise.all(active.map(({ scope, key }) => scope.failures.penalty(key, 1)));
    let wait = 0;
    for (const [i, { scope, key }] of active.entries()) {
      const delay = delayAfter(scope.rule, counted[i]?.consumedPoints ?? 0);
      if (delay === 0) continue;
      try {
        await scope.slots.consume(key, 1, { customDuration: delay / 1000 });
      } catch (error) {
        if (!isRefusal(error)) throw error;
        wait = Math.max(wait, error.msBeforeNext);
      }
    }
    if (wait > 0) {
      // Refused before the password was looked at: not a failure.
      await Promise.all(active.map(({ scope, key }) => scope.failures.reward(key, 1)));
      throw tooManyAttempts(wait);
    }

    return {
      succeeded: async () => {
        const pair = this.scopes.perAccountAndIp;
        const pairKey = `${accountKey}|${ip}`;
        await Promise.all([
          pair.failures.delete(pairKey),
          pair.slots.delete(pairKey),
          ...active
            .filter(({ scope }) => scope !== pair)
            .map(({ scope, key }) => scope.failures.reward(key, 1)),
          this.known.set(knownKey, 1, this.policy.knownAddressMs / 1000),
        ]);
      },
    };
  }

  /** An admin's unlock: the account's counters start afresh from every address. */
  async unlock(email: string): Promise<void> {
    await this.epochs.penalty(normalizeEmail(email), 1);
  }
}
