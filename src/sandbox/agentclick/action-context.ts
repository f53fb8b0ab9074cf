import type { ProgramSearch } from './program-search.ts';
import type { SandboxCatalog } from '../catalog.ts';
import type { Account, AgentClickState } from './state.ts';

/** An error the sandbox answers with its HTTP status and the envelope `{ success: false, message }`. */
export class SandboxApiError extends Error {
  override readonly name = 'SandboxApiError';
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export interface ActionContext {
  state: AgentClickState;
  catalog: SandboxCatalog;
  search: ProgramSearch;
  /** The caller's account (every action but `health` is authenticated). */
  account: Account;
  params: Record<string, unknown>;
  /** The sandbox's own origin, for absolute URLs in answers. */
  origin: string;
}

export interface ActionResult {
  data: unknown;
  message?: string;
}

export type ActionHandler = (context: ActionContext) => ActionResult;

export function notFound(what: string): SandboxApiError {
  return new SandboxApiError(404, `${what} not found`);
}
