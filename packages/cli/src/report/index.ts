export { loadReport, type LoadedReport, type ReportOptions } from './load-report.js';
export { formatReport } from './format-report.js';
