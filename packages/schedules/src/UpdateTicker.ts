/** Options of {@link UpdateTicker}. */
export interface UpdateTickerOptions {
  /** Update events per epoch, ≥ 1 (the paper: ListOps 10, KG about 3, MNIST addition 8). Required. */
  eventsPerEpoch: number;
  /** Training steps (batches) per epoch, a positive integer. Required. */
  stepsPerEpoch: number;
}

/** The serialized state of an {@link UpdateTicker}: its options and how far it has come. */
export interface UpdateTickerState {
  readonly eventsPerEpoch: number;
  readonly stepsPerEpoch: number;
  readonly step: number;
  readonly events: number;
}

/**
 * Turns training steps into update events, "n per epoch" as the paper does: after global step s
 * (counting from 1) the number of events so far is `floor(s·n/S)` for n events and S steps per
 * epoch, so an integer n gives exactly n evenly spaced events per epoch, the last one on the epoch's
 * last step. If n > S, one step can make several events; {@link UpdateTicker.lastEvents} says how
 * many. The schedules read {@link UpdateTicker.events} as their k.
 *
 * The state is four numbers; `UpdateTicker.fromJSON(JSON.parse(JSON.stringify(ticker)))` continues
 * exactly, so a resumed run sees the same events at the same steps.
 *
 * @example
 * ```ts
 * import { UpdateTicker, linear, temperatureMatching } from '@dccg/schedules';
 * const ticker = new UpdateTicker({ eventsPerEpoch: 10, stepsPerEpoch: 250 });
 * const beta = temperatureMatching({ tau: 1 });
 * const alpha = linear({ from: 0, to: 1, step: 1 / 500 });
 * for (let step = 0; step < 1000; step++) {
 *   // … one training step with beta(ticker.events) and alpha(ticker.events) …
 *   if (ticker.tick()) {
 *     // an update event happened: the next step sees the new beta and alpha
 *   }
 * }
 * ticker.events; // 40
 * ```
 */
export class UpdateTicker {
  readonly eventsPerEpoch: number;
  readonly stepsPerEpoch: number;
  #step = 0;
  #events = 0;
  #lastEvents = 0;

  constructor(options: UpdateTickerOptions) {
    const fn = 'UpdateTicker';
    if (typeof options !== 'object' || options === null) {
      throw new Error(`${fn}: options must be an object { eventsPerEpoch, stepsPerEpoch }, got ${String(options)}`);
    }
    const { eventsPerEpoch, stepsPerEpoch } = options;
    if (typeof eventsPerEpoch !== 'number' || !Number.isFinite(eventsPerEpoch) || eventsPerEpoch < 1) {
      throw new Error(`${fn}: eventsPerEpoch must be a finite number >= 1, got ${String(eventsPerEpoch)}`);
    }
    if (!Number.isSafeInteger(stepsPerEpoch) || stepsPerEpoch < 1) {
      throw new Error(`${fn}: stepsPerEpoch must be a positive integer, got ${String(stepsPerEpoch)}`);
    }
    this.eventsPerEpoch = eventsPerEpoch;
    this.stepsPerEpoch = stepsPerEpoch;
  }

  /** Training steps ticked so far. */
  get step(): number {
    return this.#step;
  }

  /** Update events so far: the k of the schedules. */
  get events(): number {
    return this.#events;
  }

  /** Completed epochs (`floor(step / stepsPerEpoch)`). */
  get epoch(): number {
    return Math.floor(this.#step / this.stepsPerEpoch);
  }

  /** How many events the last {@link UpdateTicker.tick} made (0, 1, or more when n > S). */
  get lastEvents(): number {
    return this.#lastEvents;
  }

  /** Call once per training step; true when at least one update event happens after this step. */
  tick(): boolean {
    this.#step += 1;
    const total = this.#eventsAfter(this.#step);
    this.#lastEvents = total - this.#events;
    this.#events = total;
    return this.#lastEvents > 0;
  }

  /** A plain JSON-serialisable snapshot; see {@link UpdateTicker.fromJSON}. */
  toJSON(): UpdateTickerState {
    return {
      eventsPerEpoch: this.eventsPerEpoch,
      stepsPerEpoch: this.stepsPerEpoch,
      step: this.#step,
      events: this.#events,
    };
  }

  /**
   * Rebuilds a ticker from {@link UpdateTicker.toJSON}'s state; it continues exactly. Throws when the
   * state is not one a ticker with these options can reach.
   *
   * @example
   * ```ts
   * const saved = JSON.stringify(ticker);
   * const resumed = UpdateTicker.fromJSON(JSON.parse(saved));
   * ```
   */
  static fromJSON(state: UpdateTickerState): UpdateTicker {
    const fn = 'UpdateTicker.fromJSON';
    if (typeof state !== 'object' || state === null) {
      throw new Error(`${fn}: state must be an object { eventsPerEpoch, stepsPerEpoch, step, events }, got ${String(state)}`);
    }
    const ticker = new UpdateTicker({ eventsPerEpoch: state.eventsPerEpoch, stepsPerEpoch: state.stepsPerEpoch });
    if (!Number.isSafeInteger(state.step) || state.step < 0) {
      throw new Error(`${fn}: state.step must be an integer >= 0, got ${String(state.step)}`);
    }
    const expected = ticker.#eventsAfter(state.step);
    if (state.events !== expected) {
      throw new Error(
        `${fn}: state.events must be ${expected} after step ${state.step} at ${state.eventsPerEpoch} per ${state.stepsPerEpoch} steps, got ${String(state.events)}`,
      );
    }
    ticker.#step = state.step;
    ticker.#events = expected;
    return ticker;
  }

  #eventsAfter(step: number): number {
    return Math.floor((step * this.eventsPerEpoch) / this.stepsPerEpoch);
  }
}
