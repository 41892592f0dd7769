// `npm run release:pack`: the release tarballs of the three packages in dist/release/,
// named <scope>-<name>-<version>.tgz by npm (deterministic: no date, no hash in the name).
// Each pack runs the package's prepack (LICENSE copied, build, contract compiled in), so
// a clean clone needs only `npm ci` before it. Prints each tarball with its SHA-256.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const destination = join("dist", "release");
rmSync(destination, { recursive: true, force: true });
mkdirSync(destination, { recursive: true });
const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--workspaces", `--pack-destination=${destination}`], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
for (const { filename, entryCount } of packed) {
  const sha256 = createHash("sha256").update(readFileSync(join(destination, filename))).digest("hex");
  console.log(`${join(destination, filename)}  ${entryCount} files  sha256 ${sha256}`);
}
