export { openEventLog, logEvent, defaultLogDir, logFileName, type EventLog, type EventLogOptions } from './event-log.js';
export type { EventType, FenceEvent, NetworkEvent, FileEvent, OtherEvent, NewEvent } from './event-types.js';
export { readEventLog } from './read-log.js';
export { newestLogFor, logNamesProject } from './find-log.js';
export {
  summarizeEvents, type ReportSummary, type PackageReport, type ScriptRun, type RefusedConnection, type RefusedFile,
} from './summarize.js';
export { suggestConfig, type Suggestion, type NotSuggested } from './suggest.js';
