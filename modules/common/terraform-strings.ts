import { InvalidPropsError } from "./validation";
/**
 * Terraform reads `${...}` and `%{...}` inside any string of its JSON as an
 * expression or directive: a description containing `${file("/etc/passwd")}`
 * would be evaluated by the plan. Every free-text string that comes from
 * configuration or props goes through `terraformLiteral` on its way into a
 * resource, so it reaches the JSON as literal text (`$${`, `%%{`).
 *
 * cdktf's own tokens (`${TfToken[...]}`) are left alone: they are references
 * this library made, not text a user wrote.
 */
export function terraformLiteral(text: string): string {
  // Replacer functions, not strings: in a replacement string "$$" itself means "$".
  return text.replace(/\$\{(?!TfToken\[)/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/** A Terraform template sequence that is not one of cdktf's own token markers. */
const TEMPLATE_SEQUENCE = /\$\{(?!TfToken\[)|%\{/;

/**
 * The edge for strings that reach Terraform as names, identifiers, ARNs,
 * dimensions or tags, where escaping would change the value AWS sees: a
 * template sequence (`${`, `%{`) in any of them is refused, with one error
 * naming the prop. Free text (descriptions, titles, runbook links, labels,
 * environment variable values) is listed in `freeText` and goes through
 * `terraformLiteral` where it reaches a resource instead.
 *
 * Walks plain objects and arrays only: constructs, tokens and functions
 * passed as props are not user text. The props themselves (a call with no
 * path, or a one-word path such as `options`) must be an object or array.
 * @param where - the construct or method, as errors name it
 * @param props - its props
 * @param freeText - dotted paths (no array indexes) of free-text props, or of objects whose strings all are
 */
export function requireNoTemplateSequences(where: string, props: unknown, freeText: readonly string[] = [], path = ""): void {
  // A public entry's props (or one named argument, such as `options`) must be an object: a JavaScript caller's
  // missing or null props would otherwise end in a TypeError and its stack trace.
  if (props === null || typeof props !== "object") {
    throw new InvalidPropsError(where, path || "props", props, "an object of props (see the construct's or method's props type)");
  }
  walkStrings(where, props, freeText, path);
}

function walkStrings(where: string, props: unknown, freeText: readonly string[], path: string): void {
  const dotted = path.replace(/\[\d+\]/g, "");
  if (freeText.some((p) => dotted === p || dotted.startsWith(`${p}.`))) return;
  if (typeof props === "string") {
    if (TEMPLATE_SEQUENCE.test(props)) throw new InvalidPropsError(where, path || "value", props, "no Terraform template sequence (${ or %{): this prop reaches Terraform as a name or identifier, not as free text");
    return;
  }
  if (!Array.isArray(props) && !isPlainObject(props)) return;
  if (Array.isArray(props)) {
    props.forEach((item, i) => walkStrings(where, item, freeText, `${path}[${i}]`));
    return;
  }
  for (const [key, value] of Object.entries(props as object)) walkStrings(where, value, freeText, path ? `${path}.${key}` : key);
}

/** An object a user wrote out: its prototype is a root (Object.prototype of any realm, or none), not a class's. */
export function isPlainObject(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** The free text of every segment's props: the links its alarm descriptions carry, and its alarm names (escaped by the alarm factory). */
export const SEGMENT_FREE_TEXT: readonly string[] = ["links", "alarmNamePrefix"];
