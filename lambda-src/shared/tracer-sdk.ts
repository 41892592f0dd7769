/**
 * Powertools Tracer (and with it the X-Ray SDK), in a module of its own so
 * that tracing.ts can load it where tracing is on (a require() of this file),
 * and the project's bundler can put it in a file of its own beside the
 * handler (scripts/build-lambda.ts, LAZY_CHUNKS): a function with tracing off
 * never parses it. Not part of the public API.
 */
export { Tracer } from "@aws-lambda-powertools/tracer";
