/**
 * The bad-configuration corpus (./config-corpus.ts): every entry gives one
 * clear ValidationError naming its field; none is accepted, none crashes.
 */
import { BAD_CONFIGURATIONS, outcomeOf, type Outcome } from "./config-corpus";

test(`${BAD_CONFIGURATIONS.length} bad configurations each give one clear error naming the field`, () => {
  const outcomes = BAD_CONFIGURATIONS.map((bad) => ({ bad, ...outcomeOf(bad) }));
  const counts: Record<Outcome, number> = { clear: 0, flawed: 0, silent: 0, trace: 0 };
  for (const { outcome } of outcomes) counts[outcome] += 1;
  console.info(`bad-configuration corpus: ${BAD_CONFIGURATIONS.length} cases: ${counts.clear} clear, ${counts.flawed} flawed, ${counts.silent} silent, ${counts.trace} stack traces`);
  const notClear = outcomes.filter((o) => o.outcome !== "clear").map((o) => `${o.outcome}: ${o.bad.name} (${o.bad.field}): ${o.message.slice(0, 300)}`);
  expect(notClear).toEqual([]);
}, 300_000);
