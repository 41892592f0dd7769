/**
 * One evaluation of a metric alarm, as the CloudWatch user guide describes it
 * ("Evaluating an alarm" and "Configuring how CloudWatch alarms treat missing
 * data"):
 *
 * - CloudWatch reads more datapoints than evaluation_periods: the evaluation
 *   range. The drill takes N + 2 periods, as the guide's table does (3
 *   evaluation periods, a range of 5).
 * - When the range holds at least N real datapoints, the most recent N real
 *   ones decide, and treat_missing_data does not matter.
 * - Otherwise the real ones are all used, and missing ones fill up to N:
 *   breaching and notBreaching count them as such; missing and ignore do not
 *   count them. With all of the range missing, missing goes to
 *   INSUFFICIENT_DATA and ignore keeps the state.
 * - ALARM when at least M (datapoints_to_alarm) of the N are breaching; OK
 *   when that can no longer happen (fewer than M even if every unknown point
 *   breached); else the state is kept (the guide's "avoiding premature
 *   transitions to alarm state").
 */
export type AlarmState = "OK" | "ALARM" | "INSUFFICIENT_DATA";
export type TreatMissingData = "missing" | "notBreaching" | "breaching" | "ignore";

/** A datapoint of the range, oldest first: true breaching, false not breaching, undefined missing. */
export type Datapoint = boolean | undefined;

export function evaluationRange(evaluationPeriods: number): number {
  return evaluationPeriods + 2;
}

export function nextState(range: readonly Datapoint[], evaluationPeriods: number, datapointsToAlarm: number, treat: TreatMissingData, current: AlarmState): AlarmState {
  const real = range.filter((d): d is boolean => d !== undefined);
  if (real.length >= evaluationPeriods) {
    const breaching = real.slice(-evaluationPeriods).filter(Boolean).length;
    return breaching >= datapointsToAlarm ? "ALARM" : "OK";
  }
  if (real.length === 0) {
    if (treat === "missing") return "INSUFFICIENT_DATA";
    if (treat === "ignore") return current;
  }
  const filled = evaluationPeriods - real.length;
  let breaching = real.filter(Boolean).length;
  let unknown = 0;
  if (treat === "breaching") breaching += filled;
  else if (treat === "missing" || treat === "ignore") unknown = filled;
  if (breaching >= datapointsToAlarm) return "ALARM";
  if (breaching + unknown < datapointsToAlarm) return "OK";
  return current;
}

/** A comparison operator applied to a value (and the band, for anomaly alarms); undefined when the value (or band) is missing. */
export function breaches(operator: string, value: number, threshold: number | { readonly lower: number; readonly upper: number }): Datapoint {
  if (Number.isNaN(value)) return undefined;
  if (typeof threshold === "number") {
    switch (operator) {
      case "GreaterThanOrEqualToThreshold":
        return value >= threshold;
      case "GreaterThanThreshold":
        return value > threshold;
      case "LessThanThreshold":
        return value < threshold;
      case "LessThanOrEqualToThreshold":
        return value <= threshold;
    }
    throw new Error(`comparison operator "${operator}" needs a threshold band, or is unknown`);
  }
  if (Number.isNaN(threshold.lower) || Number.isNaN(threshold.upper)) return undefined;
  switch (operator) {
    case "GreaterThanUpperThreshold":
      return value > threshold.upper;
    case "LessThanLowerThreshold":
      return value < threshold.lower;
    case "LessThanLowerOrGreaterThanUpperThreshold":
      return value < threshold.lower || value > threshold.upper;
  }
  throw new Error(`comparison operator "${operator}" needs a static threshold, or is unknown`);
}
