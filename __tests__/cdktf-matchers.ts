/**
 * cdktf's jest matchers (toHaveResource, toHaveResourceWithProperties, ...),
 * registered by the test files that use them: `import "../cdktf-matchers";`.
 * Not in setup.ts, which every file runs, because loading cdktf there cost
 * the Lambda and tool tests a quarter of a second each for nothing.
 */
import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";

Testing.setupJest();
