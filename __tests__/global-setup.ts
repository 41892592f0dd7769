import { buildLambdas } from "../scripts/build-lambda";

/** The stacks package the real bundles, so every run builds them first (about a second). */
export default async function globalSetup(): Promise<void> {
  await buildLambdas();
}
