import { cheapTokenTraces } from "../token-traces";

process.env.CHECKPOINT_DISABLE = "1";
// Every synth in a test records a trace per token; formatted through jest's
// source maps they cost more than the synth itself. Errors keep jest's format.
Error.prepareStackTrace = cheapTokenTraces(Error.prepareStackTrace);
