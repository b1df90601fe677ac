/**
 * Composition of delivery reports (spec "Customizing bounce and warning messages"):
 * composeBounce (failures), composeDelayWarning (delay_warning), composeSuccessDsn (NOTIFY=SUCCESS).
 */
export { composeBounce } from './failure.js';
export type { ComposedReport, ReportAddress, ReportHost, ReportInput, ReportOptions, TemplateExpander } from './types.js';
export { composeDelayWarning, warningDelayText } from './warning.js';
export { composeSuccessDsn } from './success.js';
export { delayWarningDue, delayWarningThreshold } from './warning-schedule.js';
