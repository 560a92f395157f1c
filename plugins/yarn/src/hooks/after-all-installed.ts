import type { InstallOptions, Project } from '@yarnpkg/core';
import { MessageName } from '@yarnpkg/core';
import { summarize, summaryLines } from '../report/summarize.js';
import { readLogEvents } from '../report/session-log.js';
import { currentLogPath } from '../sandbox/session-broker.js';
import { markInstalled } from './install-state.js';

/** End of an install: what ran sandboxed and what was refused, in Yarn's report style. */
export function afterAllInstalled(_project: Project, options: InstallOptions): void {
  markInstalled();
  const logPath = currentLogPath();
  if (!logPath) return; // no script ran through fence in this install
  const events = readLogEvents(logPath);
  if (!events.some((e) => e.type === 'script')) return;
  for (const line of summaryLines(summarize(events), logPath)) {
    if (line.warn) options.report.reportWarning(MessageName.UNNAMED, line.text);
    else options.report.reportInfo(MessageName.UNNAMED, line.text);
  }
}
