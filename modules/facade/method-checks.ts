/**
 * Checks of what the facade's methods and the segments take: a function, a
 * capability, HTTP routes, dashboard pages and widgets. Each names the field
 * as the user wrote it.
 */
import { AWS_LIMITS } from "../common/aws-limits";
import { AWS_PATTERNS } from "../common/aws-rules";
import { isReference, optionalNumber, requireName, requireOneOf, requireUnique } from "../common/prop-checks";
import { InvalidPropsError } from "../common/validation";
import type { IMonitoredFunction } from "../monitoring/aws-lambda/lambda-monitoring";
import type { CapabilityObjective } from "./serverless-monitoring";

const FUNCTION_NAME = { pattern: /^[A-Za-z0-9_-]{1,64}$/, allowed: "a Lambda function name: 1-64 letters, digits, _ or -" };

/** A function to monitor: its name as Lambda takes it, and its settings within Lambda's limits. */
export function checkFunction(where: string, fn: IMonitoredFunction, field = ""): void {
  const at = (name: string) => (field ? `${field}.${name}` : name);
  requireName(where, at("functionName"), fn.functionName, { max: AWS_LIMITS.lambda.functionNameMaxLength, pattern: FUNCTION_NAME });
  const { timeoutSeconds, memoryMiB } = AWS_LIMITS.lambda;
  optionalNumber(where, at("timeoutSeconds"), fn.timeoutSeconds, { min: timeoutSeconds.min, max: timeoutSeconds.max, integer: true });
  optionalNumber(where, at("memoryMiB"), fn.memoryMiB, { min: memoryMiB.min, max: memoryMiB.max, integer: true });
  optionalNumber(where, at("reservedConcurrency"), fn.reservedConcurrency, { min: 0, max: 1_000_000, integer: true });
  if (fn.deadLetterQueueName !== undefined) requireName(where, at("deadLetterQueueName"), fn.deadLetterQueueName, { max: AWS_LIMITS.sqs.queueNameMaxLength });
  if (fn.logGroupName !== undefined) requireName(where, at("logGroupName"), fn.logGroupName, { max: 512 });
  if (fn.logFormat !== undefined) requireOneOf(where, at("logFormat"), fn.logFormat, ["JSON", "Text"]);
}

/** HTTP route keys: each as API Gateway writes it, each once. */
export function checkRoutes(where: string, routes: readonly string[] | undefined, field = "routes"): void {
  if (routes === undefined) return;
  routes.forEach((route, i) => requireName(where, `${field}[${i}]`, route, { pattern: AWS_PATTERNS.httpRouteKey }));
  requireUnique(where, field, routes);
}

export function checkCapability(where: string, capability: CapabilityObjective): void {
  requireName(where, "name", capability.name, { max: 200, pattern: { pattern: /^[A-Za-z0-9_-]{1,200}$/, allowed: "1-200 letters, digits, _ or -" } });
  requireName(where, "title", capability.title, { max: 200 });
  const routes = capability.routes ?? [];
  if (capability.functionNames.length + routes.length === 0) {
    throw new InvalidPropsError(where, "functionNames", capability.functionNames, "at least one function name or route: the objective counts their calls");
  }
  capability.functionNames.forEach((name, i) => requireName(where, `functionNames[${i}]`, name, { max: AWS_LIMITS.lambda.functionNameMaxLength, pattern: FUNCTION_NAME }));
  requireUnique(where, "functionNames", capability.functionNames);
  routes.forEach((route, i) => {
    if (!isReference(route.apiId)) requireName(where, `routes[${i}].apiId`, route.apiId, { max: 64 });
    requireName(where, `routes[${i}].routeKey`, route.routeKey, { pattern: AWS_PATTERNS.httpRouteKey });
    if (route.stage !== undefined) requireName(where, `routes[${i}].stage`, route.stage, { max: 128 });
  });
}
