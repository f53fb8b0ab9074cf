import { randomBytes } from 'node:crypto';
import type { Role } from '../../agentclick/actions.ts';
import type { SandboxCatalog } from '../catalog.ts';
import { seedNotifications, type SandboxNotification } from './seed-account.ts';

export type PartnershipStatus = 'pending' | 'approved' | 'rejected' | 'suspended' | 'cancelled';

export interface Partnership {
  id: number;
  accountKey: string;
  programId: number;
  status: PartnershipStatus;
  trackingCode: string;
  createdAt: number;
  /** Pending applications are reviewed (approved) at this time; see `reviewMs`. */
  reviewAt: number | undefined;
}

export interface Click {
  id: number;
  partnershipId: number;
  programId: number;
  context: string | undefined;
  userAgent: string | undefined;
  at: number;
}

export interface Conversion {
  id: number;
  programId: number;
  partnershipId: number;
  orderId: string | undefined;
  amount: number | undefined;
  reward: number;
  at: number;
}

export interface Account {
  key: string;
  role: Role;
  userId: number;
  name: string;
  createdAt: number;
  lastUsedAt: number | undefined;
  requestCount: number;
  partnerships: Map<number, Partnership>;
  clicks: Click[];
  conversions: Conversion[];
  notifications: SandboxNotification[];
  selfbacks: Set<number>;
  next: { partnership: number; click: number };
}

/** The tracking code the spec's `agent.record_conversion` example uses; it belongs to a seeded publisher. */
export const SPEC_EXAMPLE_TRACKING_CODE = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4';

/**
 * Everything the AgentClick sandbox remembers. Ids of partnerships and clicks are numbered per account
 * (from 15 and 123, the values in the spec's examples), so a fresh key replays the spec's examples;
 * tracking codes are global. Pending applications are approved `reviewMs` after they were made.
 */
export class AgentClickState {
  readonly catalog: SandboxCatalog;
  readonly reviewMs: number;
  readonly #now: () => number;
  readonly accounts = new Map<string, Account>();
  readonly byTrackingCode = new Map<string, Partnership>();
  /** Conversions by `<program id>:<order id>`, for de-duplication. */
  readonly orders = new Map<string, Conversion>();
  /** Requests refused with 429, for tests that check a client kept to the limits. */
  rateLimited = 0;
  #nextUserId = 1001;
  #nextConversionId = 1;

  constructor({ catalog, now = Date.now, reviewMs = 120_000 }: { catalog: SandboxCatalog; now?: () => number; reviewMs?: number }) {
    this.catalog = catalog;
    this.#now = now;
    this.reviewMs = reviewMs;
    this.#seedSpecExample();
  }

  now(): number {
    return this.#now();
  }

  createAccount(role: Role): { api_key: string } {
    const key = `aa_${randomBytes(24).toString('hex')}`;
    const userId = this.#nextUserId++;
    this.accounts.set(key, {
      key,
      role,
      userId,
      name: `Sandbox ${role} ${userId}`,
      createdAt: this.#now(),
      lastUsedAt: undefined,
      requestCount: 0,
      partnerships: new Map(),
      clicks: [],
      conversions: [],
      notifications: seedNotifications(this.#now()),
      selfbacks: new Set(),
      next: { partnership: 15, click: 123 },
    });
    return { api_key: key };
  }

  /** Back to the seed: accounts keep their keys; everything they did is forgotten. */
  reset(): void {
    for (const account of this.accounts.values()) {
      account.partnerships.clear();
      account.clicks = [];
      account.conversions = [];
      account.notifications = seedNotifications(this.#now());
      account.selfbacks.clear();
      account.requestCount = 0;
      account.lastUsedAt = undefined;
      account.next = { partnership: 15, click: 123 };
    }
    this.byTrackingCode.clear();
    this.orders.clear();
    this.#nextConversionId = 1;
    this.#seedSpecExample();
  }

  /** Applies the sandbox's review to pending partnerships whose time has come. */
  review(partnership: Partnership): Partnership {
    if (partnership.status === 'pending' && partnership.reviewAt !== undefined && this.#now() >= partnership.reviewAt) {
      partnership.status = 'approved';
      partnership.reviewAt = undefined;
    }
    return partnership;
  }

  partnershipFor(account: Account, programId: number): Partnership | undefined {
    for (const partnership of account.partnerships.values()) {
      if (partnership.programId === programId && partnership.status !== 'cancelled') return this.review(partnership);
    }
    return undefined;
  }

  createPartnership(account: Account, programId: number, autoApprove: boolean): Partnership {
    const partnership: Partnership = {
      id: account.next.partnership++,
      accountKey: account.key,
      programId,
      status: autoApprove ? 'approved' : 'pending',
      trackingCode: randomBytes(16).toString('hex'),
      createdAt: this.#now(),
      reviewAt: autoApprove ? undefined : this.#now() + this.reviewMs,
    };
    account.partnerships.set(partnership.id, partnership);
    this.byTrackingCode.set(partnership.trackingCode, partnership);
    return partnership;
  }

  addClick(account: Account, partnership: Partnership, context: string | undefined, userAgent: string | undefined): Click {
    const click = { id: account.next.click++, partnershipId: partnership.id, programId: partnership.programId, context, userAgent, at: this.#now() };
    account.clicks.push(click);
    return click;
  }

  addConversion(partnership: Partnership, orderId: string | undefined, amount: number | undefined, reward: number): Conversion {
    const conversion = { id: this.#nextConversionId++, programId: partnership.programId, partnershipId: partnership.id, orderId, amount, reward, at: this.#now() };
    this.accounts.get(partnership.accountKey)?.conversions.push(conversion);
    if (orderId !== undefined) this.orders.set(`${partnership.programId}:${orderId}`, conversion);
    return conversion;
  }

  #seedSpecExample(): void {
    let owner = [...this.accounts.values()].find((account) => account.name === 'Spec example publisher');
    if (!owner) {
      const { api_key } = this.createAccount('publisher');
      owner = this.accounts.get(api_key) as Account;
      owner.name = 'Spec example publisher';
    }
    const partnership: Partnership = {
      id: 15,
      accountKey: owner.key,
      programId: 42,
      status: 'approved',
      trackingCode: SPEC_EXAMPLE_TRACKING_CODE,
      createdAt: this.#now(),
      reviewAt: undefined,
    };
    owner.partnerships.set(15, partnership);
    owner.next.partnership = 16;
    this.byTrackingCode.set(partnership.trackingCode, partnership);
  }
}
