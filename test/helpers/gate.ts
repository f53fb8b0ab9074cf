/**
 * Holds a fake's work until the test opens it, and tells the test when the work got there: the event
 * tests wait for instead of sleeping and hoping something is in flight.
 */
export interface Gate {
  /** Called by the held party: marks the arrival, then waits for `open()`. */
  pass(): Promise<void>;
  /** Resolves once something reached the gate. */
  arrived: Promise<void>;
  open(): void;
}

export function createGate(): Gate {
  let open = () => {};
  let arrive = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  return {
    async pass() {
      arrive();
      await opened;
    },
    arrived,
    open: () => open(),
  };
}
