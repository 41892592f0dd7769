/**
 * The one place the Synthetics runtime is pinned.
 *
 * `syn-nodejs-4.1`: CloudWatch Synthetics' Node.js runtime without a browser
 * (Lambda Node.js 22.x), the newest of that family AWS documents as supported
 * in December 2026. The canaries here call APIs and WebSockets, so a browser
 * runtime (syn-nodejs-puppeteer-*, syn-nodejs-playwright-*) would only add
 * start-up time, memory and patch churn (their Chromium releases follow
 * Chromium's CVEs). Node.js 22 matches the functions' runtime (nodejs22.x).
 * Move it forward when AWS deprecates it: one constant, every canary follows.
 */
export const SYNTHETICS_RUNTIME_VERSION = "syn-nodejs-4.1";

/** The canary code's file under nodejs/node_modules/ in its zip, and its handler (fileName.functionName). */
export const CANARY_SCRIPT = { fileName: "api-canary.js", handler: "api-canary.handler" } as const;
