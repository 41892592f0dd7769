import { installCheapTokenTraces } from "../modules/synth-speed/token-traces";

process.env.CHECKPOINT_DISABLE = "1";
// Every synth in a test records a trace per token; captured whole and formatted
// through jest's source maps they cost more than the synth itself.
/** Takes the hooks out again, for the test of the hooks themselves. */
export const removeTokenTraceHooks = installCheapTokenTraces();
