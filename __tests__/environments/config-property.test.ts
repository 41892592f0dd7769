/**
 * Property: a configuration generated from a shipped environment with
 * mutated leaves (wrong types, out-of-range numbers, empty, huge and hostile
 * strings, token markers, prototype names, unicode, duplicates) either
 * synthesizes a stack with nothing for Terraform to evaluate, or fails with
 * exactly one ConfigurationError naming a field it changed. Nothing else.
 * The e2e suite validates a sample of the synthesized ones with terraform.
 * CONFIG_PROPERTY_SEED and CONFIG_PROPERTY_RUNS explore further.
 */
import fc from "fast-check";
import { configurationCase, describeCase, outcomeOf } from "./config-property";

const RUNS = Number(process.env.CONFIG_PROPERTY_RUNS ?? 200);
const SEED = Number(process.env.CONFIG_PROPERTY_SEED ?? 20261207);

test(`${RUNS} mutated configurations: a synthesized stack or one ConfigurationError naming the field`, () => {
  const counts = { cases: 0, synthesized: 0, refused: 0 };
  fc.assert(
    fc.property(configurationCase, (c) => {
      counts.cases += 1;
      const outcome = outcomeOf(c);
      if (outcome.kind === "wrong") throw new Error(`${describeCase(c)}\n  -> ${outcome.what}`);
      counts[outcome.kind] += 1;
    }),
    { numRuns: RUNS, seed: SEED },
  );
  console.info(`configuration property (seed ${SEED}): ${counts.cases} cases, ${counts.synthesized} synthesized, ${counts.refused} refused with one ConfigurationError`);
  expect(counts.cases).toBe(RUNS);
}, 600_000);
