import type { ProxyProtocol, RefusalReason } from '../proxy/types.js';

/** One line of the session log (JSONL). */
export type EventType = 'network' | 'script' | 'file' | 'identity' | 'warning';

interface EventCommon {
  /** ISO 8601. */
  time: string;
  /** The install session: `<ownerPid>-<owner start time>`. */
  session: string;
  type: EventType;
  package?: string;
  version?: string;
  /** Lifecycle event, e.g. `postinstall`. */
  event?: string;
}

/** A connection the proxy refused. */
export interface NetworkEvent extends EventCommon {
  type: 'network';
  protocol: ProxyProtocol;
  host: string;
  port: number;
  reason: RefusalReason;
}

/** Other kinds, shaped by their producers (sandbox runner, identity checks). */
export interface OtherEvent extends EventCommon {
  type: Exclude<EventType, 'network'>;
  [field: string]: unknown;
}

export type FenceEvent = NetworkEvent | OtherEvent;

type WithoutStamp<T> = T extends unknown ? Omit<T, 'time' | 'session'> : never;

/** What producers hand to the log: time and session are stamped by the writer. */
export type NewEvent = WithoutStamp<NetworkEvent> | WithoutStamp<OtherEvent>;
