import type { FileOperation, FileOutcome } from '../audit/file-access.js';
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

/** A file access the sandbox refused, hid or discarded (audit mode only). */
export interface FileEvent extends EventCommon {
  type: 'file';
  /** Absolute path as the script named it. */
  path: string;
  operation: FileOperation;
  outcome: FileOutcome;
  errno?: string;
  /** New name, for rename and link. */
  target?: string;
}

/** Other kinds, shaped by their producers (sandbox runner, identity checks). */
export interface OtherEvent extends EventCommon {
  type: Exclude<EventType, 'network' | 'file'>;
  [field: string]: unknown;
}

export type FenceEvent = NetworkEvent | FileEvent | OtherEvent;

type WithoutStamp<T> = T extends unknown ? Omit<T, 'time' | 'session'> : never;

/** What producers hand to the log: time and session are stamped by the writer. */
export type NewEvent = WithoutStamp<NetworkEvent> | WithoutStamp<FileEvent> | WithoutStamp<OtherEvent>;
