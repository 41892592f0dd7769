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
 * Two ways to the same text: the engine's JSON.stringify, handed sorted
 * copies (byJsonStringify), for the documents cdktf writes; and, for a value
 * it could write differently, the package's algorithm, written out below.
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
  const byEngine = byJsonStringify(value, space);
  if (byEngine !== undefined) return byEngine;
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

/**
 * The same text by the engine's JSON.stringify, for the values where it
 * writes what the package writes. A replacer hands JSON.stringify each
 * object as a copy with its keys inserted in sorted order, which it keeps,
 * and each empty object or array as a marker string, which is swapped for
 * the package's two lines afterwards (JSON.stringify writes `{}` and `[]`).
 * The markers begin with U+0001, which JSON.stringify writes escaped
 * (`"\u0001<n>"`), so as no string or key of the value holds that
 * character, each such text in the output is a marker. The copies are
 * shallow and made as the walk reaches them, so they die young; an object
 * reached twice (a shared reference) is copied at each place, at its depth.
 *
 * Returns undefined, for the package's own algorithm, wherever the two could
 * differ: a key that is an array index (an object lists those first, in
 * numeric order; the package sorts them as text), a toJSON method
 * (JSON.stringify passes the key, the package does not), a "__proto__" key,
 * a string or key holding U+0001, an indent longer than JSON.stringify writes
 * (10), a value that is not an object or array, and anything JSON.stringify
 * throws for (a bigint; a cycle, which overflows the stack here, as each
 * visit makes a new copy), so that the package's error is the one thrown.
 * A replacer sees a value after its toJSON has run, so each one checks the
 * children of what it copies, and the root is checked first. A
 * 500-function estate's 20 MB document, written and saved to its file:
 * 0.64 s by the package's algorithm, 0.33 s this way (medians of 7).
 * @param {unknown} value @param {string} space as the package builds it
 * @returns {string | undefined}
 */
function byJsonStringify(value, space) {
  if (typeof value !== "object" || value === null || space.length > 10 || !writable(value)) return undefined;
  /** The package's text of each empty container, by marker number. @type {string[]} */
  const empties = [];
  /** @param {string} open @param {string} close @param {number} level */
  const empty = (open, close, level) => `${MARKER}${empties.push(`${open}${space ? `\n${repeat(space, level)}` : ""}${close}`) - 1}`;
  /**
   * `this` is the container being written: a copy this made, which holds its
   * depth under a symbol key (JSON.stringify writes string keys only), or,
   * for the root, JSON.stringify's own wrapper.
   * @this {{ [LEVEL]?: number }} @param {string} _key @param {unknown} node
   */
  function sortedCopies(_key, node) {
    if (typeof node !== "object" || node === null) return node;
    const level = this[LEVEL] === undefined ? 0 : this[LEVEL] + 1;
    if (Array.isArray(node)) {
      if (node.length === 0) return empty("[", "]", level);
      /** @type {unknown[] & { [LEVEL]?: number }} */
      const items = node.slice();
      for (const item of items) if (!writable(item)) throw CANNOT;
      items[LEVEL] = level;
      return items;
    }
    /** @type {Record<string, unknown> & { [LEVEL]?: number }} */
    const sorted = {};
    let written = 0;
    for (const key of Object.keys(node).sort()) {
      // "__proto__" assigned below would set the copy's prototype, not a key.
      if (ARRAY_INDEX.test(key) || key.includes(MARKER) || key === "__proto__") throw CANNOT;
      const child = /** @type {Record<string, unknown>} */ (node)[key];
      if (!writable(child)) throw CANNOT;
      // Left out by both, so they do not count toward an empty object.
      if (child === undefined || typeof child === "function" || typeof child === "symbol") continue;
      sorted[key] = child;
      written += 1;
    }
    if (written === 0) return empty("{", "}", level);
    sorted[LEVEL] = level;
    return sorted;
  }
  let text;
  try {
    text = JSON.stringify(value, sortedCopies, space);
  } catch {
    return undefined;
  }
  return empties.length === 0 ? text : text.replace(WRITTEN_MARKER, (_, index) => /** @type {string} */ (empties[Number(index)]));
}

/** Whether JSON.stringify writes this value as the package does, apart from its children. @param {unknown} node */
function writable(node) {
  if (typeof node === "string") return !node.includes(MARKER);
  // The package calls any value's toJSON, a function's too, without the key.
  return !((typeof node === "object" || typeof node === "function") && node !== null && typeof (/** @type {{ toJSON?: unknown }} */ (node).toJSON) === "function");
}
/** Thrown out of JSON.stringify when a value is not writable. */
const CANNOT = Symbol("cannot");
/** A copy's depth, under a key JSON.stringify does not write. */
const LEVEL = Symbol("level");
/** Starts each empty container's marker; never in a value written this way. */
const MARKER = "\u0001";
/** A marker as JSON.stringify writes it. */
const WRITTEN_MARKER = /"\\u0001(\d+)"/g;
/** A key an object lists first, in numeric order. */
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/** `text` `times` times; none for 0 or less, and a fraction rounded up (the package's loop). @param {string} text @param {number} times */
function repeat(text, times) {
  let result = "";
  for (let i = 0; i < times; i += 1) result += text;
  return result;
}
