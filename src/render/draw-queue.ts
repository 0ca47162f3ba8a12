// The diagrams waiting for Chromium, sent in batches: what is asked for at the same moment (a page with several
// diagrams, pages rendered together) shares one round trip; at most `lanes` round trips run at once (one per tab),
// and what is asked for meanwhile waits for the next free lane, together. A page waiting for a diagram goes before
// the diagrams drawn ahead of need.

export interface DrawRequest<S> {
  key: string;
  source: S;
}

/** How one request of a batch ended. */
export type Settle<T> = (key: string, outcome: { value: T } | { error: unknown }) => void;

export interface DrawQueueOptions<S, T> {
  /**
   * One round trip: settles each request of the batch, as soon as it can (a page goes on while the trip finishes its
   * own work). A request left unsettled when the returned promise ends is failed with its error, or with a plain one.
   */
  drawBatch: (batch: readonly DrawRequest<S>[], settle: Settle<T>) => Promise<void>;
  /** Round trips running at once. */
  lanes: number;
  /** Requests per round trip: large enough to amortise the call, small enough to start writing early. */
  perTrip: number;
}

type Waiting<S, T> = DrawRequest<S> & {
  /** Drawn ahead of need (prefetch): anything a page waits for goes first. */
  background: boolean;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
};

export class DrawQueue<S, T> {
  private readonly options: DrawQueueOptions<S, T>;
  private waiting: Waiting<S, T>[] = [];
  private readonly running = new Set<Promise<void>>();
  private scheduled = false;
  private trips = 0;

  constructor(options: DrawQueueOptions<S, T>) {
    this.options = options;
  }

  /** Round trips started so far. */
  get batches(): number {
    return this.trips;
  }

  /** Queues one request; it leaves with the others asked for before the queue next runs. */
  request(key: string, source: S, background = false): Promise<T> {
    const done = new Promise<T>((resolve, reject) => this.waiting.push({ key, source, background, resolve, reject }));
    // Let the requests of the same moment join.
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.pump();
      });
    }
    return done;
  }

  /** A page now waits for `key`, queued as drawn ahead: it goes first. */
  prioritise(key: string): void {
    for (const entry of this.waiting) if (entry.key === key) entry.background = false;
  }

  /** Resolves once nothing waits and no round trip runs. */
  async idle(): Promise<void> {
    while (this.running.size > 0 || this.waiting.length > 0 || this.scheduled) {
      await Promise.allSettled([...this.running]);
      await new Promise((r) => setImmediate(r));
    }
  }

  /** The next round trip's requests: those a page waits for first, then those drawn ahead. */
  private nextBatch(): Waiting<S, T>[] {
    const urgent = this.waiting.filter((w) => !w.background);
    const batch = [...urgent, ...this.waiting.filter((w) => w.background)].slice(0, this.options.perTrip);
    this.waiting = this.waiting.filter((w) => !batch.includes(w));
    return batch;
  }

  private pump(): void {
    while (this.waiting.length > 0 && this.running.size < this.options.lanes) {
      const trip = this.run(this.nextBatch()).finally(() => {
        this.running.delete(trip);
        this.pump();
      });
      this.running.add(trip);
    }
  }

  private async run(batch: Waiting<S, T>[]): Promise<void> {
    this.trips++;
    const open = new Map(batch.map((entry) => [entry.key, entry]));
    const settle: Settle<T> = (key, outcome) => {
      const entry = open.get(key);
      if (!entry) return;
      open.delete(key);
      if ('value' in outcome) entry.resolve(outcome.value);
      else entry.reject(outcome.error);
    };
    let failure: unknown = new Error('aucun résultat pour ce diagramme');
    try {
      await this.options.drawBatch(batch, settle);
    } catch (error) {
      failure = error;
    }
    for (const entry of open.values()) entry.reject(failure);
  }
}
