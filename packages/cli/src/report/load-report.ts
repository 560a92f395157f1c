import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { defaultLogDir, newestLogFor, readEventLog, suggestConfig, summarizeEvents, type FenceEvent, type ReportSummary, type Suggestion } from '@fence/core';

export interface ReportOptions {
  /** Default: the project named by the log given with `log`, else the current directory. */
  project?: string;
  /** An explicit session log; otherwise the newest one naming the project. */
  log?: string;
  suggest: boolean;
  env: NodeJS.ProcessEnv;
}

export interface LoadedReport extends ReportSummary {
  log: string;
  suggestion?: Suggestion;
}

/** The project root the log's scripts name (first one wins). */
function projectOfLog(events: FenceEvent[]): string | undefined {
  for (const e of events) if (e.type === 'script' && typeof e.projectRoot === 'string') return e.projectRoot;
  return undefined;
}

const real = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
};

/** Picks the session log, summarises it, and adds the suggestion when asked. Throws with a readable message. */
export function loadReport(o: ReportOptions): LoadedReport {
  const logDir = defaultLogDir(o.env);
  let project = real(o.project ?? process.cwd());
  const log = o.log ? resolve(o.log) : newestLogFor(project, logDir);
  if (!log) throw new Error(`no session log names ${project} in ${logDir}. Run an install with fence first, or pass --log FILE.`);
  const events = readEventLog(log);
  if (o.log && !o.project) project = projectOfLog(events) ?? project;
  const summary = summarizeEvents(events);
  const home = o.env.HOME || homedir();
  return { log, ...summary, ...(o.suggest ? { suggestion: suggestConfig(summary, { home, projectRoot: project }) } : {}) };
}
