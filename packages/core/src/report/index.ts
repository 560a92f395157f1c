export { openEventLog, logEvent, defaultLogDir, logFileName, type EventLog, type EventLogOptions } from './event-log.js';
export type { EventType, FenceEvent, NetworkEvent, FileEvent, OtherEvent, NewEvent } from './event-types.js';
