/** Where the two networks are and the keys the bot uses there: configured, or made up by demo mode's sandbox. */
export interface Networks {
  agentclickUrl: string;
  agentclickKey: string;
  syndicateUrl: string | undefined;
  syndicateAgentKey: string | undefined;
  /** Account key: starts MPP plan checkouts from the dashboard. */
  syndicateAccountKey?: string;
  /** Syndicate tracking code of a program, when the operator has one. */
  syndicateCodeFor: (programId: number) => string | undefined;
  /** Where the demo's sandbox lives, for the demo page. */
  sandboxUrl?: string;
}
