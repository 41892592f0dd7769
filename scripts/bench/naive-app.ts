/**
 * The naive baseline of `npm run bench`: the same three environment stacks
 * and the bootstrap stack, started the way a project made by `cdktf init`
 * starts its app: ts-node with type checking, and the provider imported from
 * its package root (which loads every one of its 1,500+ resource modules).
 * Nothing else differs, so the comparison measures how the app is started.
 *
 * Run by scripts/bench.ts: ts-node scripts/bench/naive-app.ts <outdir>
 */
// eslint-disable-next-line no-restricted-imports -- the root import is what this baseline measures
import * as aws from "@cdktf/provider-aws";
import { App } from "cdktf";
import { buildApp } from "../../main";

void aws.provider;
buildApp(new App({ outdir: process.argv[2] }), process.env).synth();
