/** Names the run's temporary directory (global-setup.ts) for global-teardown.ts, which runs in the same process. */
export const RUN_TMPDIR_VARIABLE = "SERVERLESS_MONITORING_TEST_TMPDIR";
