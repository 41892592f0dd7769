// @ts-check
/**
 * json-stable-stringify 1.3.0's text, written faster: what cdktf writes each
 * stack's cdk.tf.json and the manifest with (`stringify(value, { space: 2 })`),
 * keys sorted, so that the output does not depend on the order constructs
 * were added in. run-compiled.cjs compiles this file into the app in its
 * place for cdktf's imports.
 *
 * The package builds every indent from a loop of string additions, and every
 * node's brackets through a closure made for it, and calls each array method
 * through a bound wrapper: a 500-function estate's 20 MB document took
 * 0.46 s. The text is the same to the byte, quirks included: an empty object
 * or array spans two lines, `toJSON` is called without its key, an array's
 * undefined item is `null`, an object's undefined value is left out, and a
 * circular object fails as JSON.stringify fails.
 * __tests__/scripts/stable-stringify.test.ts holds it equal to the package
 * for any value.
 *
 * Plain JavaScript, as the file it stands in for: esbuild compiles it in.
 */
"use strict";

/**
 * @param {unknown} value
 * @param {{ space?: string | number }} [options] the only option cdktf 0.21 passes
 * @returns {string | undefined}
 */
module.exports = function stableStringify(value, options) {
  if (typeof options === "function") throw new TypeError("stable-stringify.cjs: got a comparison function; allowed: { space } (the only option cdktf 0.21 passes)");
  const unsupported = Object.keys(options ?? {}).find((option) => option !== "space");
  if (unsupported !== undefined) throw new TypeError(`stable-stringify.cjs: got the option "${unsupported}"; allowed: space (the only one cdktf 0.21 passes)`);
  const rawSpace = options?.space || "";
  const space = typeof rawSpace === "number" ? repeat(" ", rawSpace) : rawSpace;
  const colon = space ? ": " : ":";
  /** Each level's line break and indent, made once. @type {string[]} */
  const indents = [];
  /** The objects (not arrays, as the package) that hold the one being written. @type {object[]} */
  const ancestors = [];

  /** @param {unknown} node @param {number} level @returns {string | undefined} */
  function write(node, level) {
    // @ts-expect-error the package's test, as written: any truthy value with a toJSON method
    if (node && node.toJSON && typeof node.toJSON === "function") node = node.toJSON();
    if (node === undefined) return undefined;
    if (typeof node !== "object" || node === null) return JSON.stringify(node);
    const indent = space ? (indents[level] ??= `\n${repeat(space, level)}`) : "";
    const itemIndent = indent + space;
    if (Array.isArray(node)) {
      let text = "[";
      for (let i = 0; i < node.length; i++) text += `${i === 0 ? "" : ","}${itemIndent}${write(node[i], level + 1) || "null"}`;
      return `${text}${indent}]`;
    }
    if (ancestors.includes(node)) throw new TypeError("Converting circular structure to JSON");
    ancestors.push(node);
    let text = "{";
    let first = true;
    for (const key of Object.keys(node).sort()) {
      const entry = write(/** @type {Record<string, unknown>} */ (node)[key], level + 1);
      if (!entry) continue;
      text += `${first ? "" : ","}${itemIndent}${JSON.stringify(key)}${colon}${entry}`;
      first = false;
    }
    ancestors.pop();
    return `${text}${indent}}`;
  }

  return write(value, 0);
};

/** `text` `times` times; none for 0 or less, and a fraction rounded up (the package's loop). @param {string} text @param {number} times */
function repeat(text, times) {
  let result = "";
  for (let i = 0; i < times; i += 1) result += text;
  return result;
}
