// Brings cdktf's jest matcher types (toHaveResourceWithProperties, ...) into the type check; setup.ts registers them at run time.
import "cdktf/lib/testing/adapters/jest";
