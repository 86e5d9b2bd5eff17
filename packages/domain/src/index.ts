// Public surface of the domain core. Pure functions only: no I/O, the clock is a parameter.

export {
  VnNumberError,
  formatVnNumber,
  parseVnNumber,
  roundTo,
  tryParseVnNumber,
} from "./numbers/vn-number.js";
export type { VnNumberParseResult } from "./numbers/vn-number.js";

export type { Target, TargetComparator } from "./targets/target.js";
export { TargetSyntaxError } from "./targets/target-error.js";
export { parseTarget, tryParseTarget } from "./targets/target-parser.js";
export { formatTarget, targetReferenceValue } from "./targets/target-format.js";

export { AGGREGATIONS, AGGREGATION_LABELS, aggregate, isAggregation } from "./aggregation/aggregate.js";
export type { AggregateResult, Aggregation, YearValue } from "./aggregation/aggregate.js";

export {
  EvaluationError,
  VALUE_STATUSES,
  VALUE_STATUS_LABELS,
  VERDICTS,
  VERDICT_LABELS,
  compareWithTarget,
  evaluateComposite,
  evaluateIndicator,
  weakerStatus,
  worstVerdict,
} from "./evaluation/evaluate-indicator.js";
export type {
  CompositeComponentInput,
  CompositeResult,
  Direction,
  EvaluateCompositeInput,
  EvaluateIndicatorInput,
  EvaluationResult,
  ValueStatus,
  Verdict,
  YearInput,
  YearValues,
} from "./evaluation/evaluate-indicator.js";

export {
  ExpressionSyntaxError,
  evaluateExpression,
  evaluateExpressionDetailed,
  expressionRefs,
  formatExpression,
  parseExpression,
} from "./computed/expression.js";
export type { Expression, ExpressionValue } from "./computed/expression.js";
export { buildDependencyGraph, computeAll } from "./computed/dependency-graph.js";
export type { ComputeAllResult, ComputedDefinition, DependencyGraph } from "./computed/dependency-graph.js";

export { runValidation } from "./validation/validation-rules.js";
export type {
  CompareOp,
  CompareRule,
  Severity,
  SumRule,
  ValidationData,
  ValidationIssue,
  ValidationRule,
  YoyRule,
  ZscoreRule,
} from "./validation/validation-rules.js";

export {
  PeriodSyntaxError,
  comparePeriods,
  halfYearPeriod,
  monthPeriod,
  nineMonthsPeriod,
  parsePeriod,
  periodContains,
  periodKey,
  periodLabel,
  periodYears,
  quarterPeriod,
  rangePeriod,
  tryParsePeriod,
  yearPeriod,
} from "./periods/period.js";
export type { ComparisonArea, Period, PeriodKind } from "./periods/period.js";

export {
  PlainDateError,
  VN_UTC_OFFSET_MINUTES,
  addDays,
  comparePlainDates,
  dayOfWeek,
  daysBetween,
  isPlainDate,
  lastDayOfMonth,
  makePlainDate,
  plainDateParts,
  toVnPlainDate,
  vnEndOfDay,
  vnStartOfDay,
} from "./dates/plain-date.js";
export type { PlainDate } from "./dates/plain-date.js";
export {
  VnDateError,
  findDeadlines,
  formatPlaceDate,
  formatVnDate,
  formatVnLongDate,
  isOverdue,
  parseDeadline,
  parseVnDate,
  tryParseVnDate,
} from "./dates/vn-date.js";
export type { Deadline, DeadlineKind } from "./dates/vn-date.js";
export {
  EMPTY_CALENDAR,
  addWorkingDays,
  isWorkingDay,
  mergeCalendars,
  nextWorkingDay,
  workingDayOnOrAfter,
  workingDaysBetween,
} from "./dates/working-days.js";
export type { HolidayCalendar } from "./dates/working-days.js";
export {
  VN_HOLIDAYS,
  VN_HOLIDAY_BREAKS,
  VN_STATUTORY_HOLIDAYS,
  VN_WORKING_WEEKENDS,
  vnHolidayCalendar,
} from "./dates/holidays-vn.data.js";
export type { HolidayBreak, HolidayKind, StatutoryHoliday, WorkingWeekend } from "./dates/holidays-vn.data.js";

export {
  OutlineLabelError,
  formatOutlineLabel,
  nextOutlineLabel,
  parseOutlineLabel,
  renumberOutline,
  renumberSiblings,
  renumberSubtree,
  tryParseOutlineLabel,
} from "./outline/outline-label.js";
export type { OutlineLabel, OutlineNode, OutlineScheme, OutlineStyle, RenumberOptions } from "./outline/outline-label.js";

export {
  closestMatches,
  levenshtein,
  matchesSearch,
  normalizeSearchText,
  similarityScore,
  trigramSimilarity,
} from "./text/search-text.js";
export type { ScoredMatch } from "./text/search-text.js";
export { normalizeUnit, unitKey } from "./text/unit-text.js";

export {
  VIETNAMESE_LETTERS,
  formatDocumentNumber,
  parseRomanNumeral,
  parseVietnameseLetter,
  romanNumeral,
  vietnameseLetter,
} from "./documents/numbering.js";

export {
  REPORT_FREQUENCIES,
  REPORT_FREQUENCY_LABELS,
  TASK_PROGRESS,
  TASK_STATUSES,
  TASK_STATUS_LABELS,
  TaskDeadlineError,
  parseTaskDeadline,
  reportingPeriodOf,
  taskDaysLate,
  taskStatus,
  tryParseTaskDeadline,
} from "./tasks/task-deadline.js";
export type { ReportFrequency, ReportingPeriod, TaskDeadline, TaskDeadlineKind, TaskDeadlineResult, TaskProgress, TaskStatus, TaskStatusInput } from "./tasks/task-deadline.js";
