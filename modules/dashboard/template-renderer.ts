/**
 * Renders JSON templates for CloudWatch dashboards.
 *
 * Placeholders are `{{name}}`, not `${name}`: Terraform interpolates `${...}`
 * (and `%{...}`) inside any string of its JSON, dashboard bodies included.
 *   - `"{{name}}"` as a whole string is replaced by the value, of any JSON type;
 *   - `{{name}}` inside a longer string is replaced by the value as text;
 *   - `"{{...name}}"` as an array element splices in the value, an array.
 * A placeholder without a value, or a value no placeholder uses, is an error:
 * a typo in a template fails synth instead of shipping a blank widget.
 */
import { ValidationError } from "../common/errors";

/** Any JSON value: what dashboard templates and widgets are made of. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
/** The values a template's `{{name}}` placeholders are filled with. */
export type TemplateValues = Readonly<Record<string, JsonValue>>;

const WHOLE = /^\{\{(\.\.\.)?([A-Za-z][A-Za-z0-9]*)\}\}$/;
const INLINE = /\{\{([A-Za-z][A-Za-z0-9]*)\}\}/g;
/** cdktf's unresolved tokens look like `${TfToken[TOKEN.12]}`; they become Terraform references on purpose. */
const CDKTF_TOKEN = /\$\{TfToken\[TOKEN\.\d+\]\}/g;

export class TemplateError extends ValidationError {
  constructor(template: string, message: string) {
    super(`Dashboard template "${template}": ${message}`);
  }
}

/** Renders `template` with `values`. `V` names the values a template takes, so a missing one fails type checking too. */
export function renderTemplate<V extends TemplateValues>(templateName: string, template: unknown, values: V): JsonValue {
  const used = new Set<string>();
  const rendered = render(template as JsonValue, "");

  const unused = Object.keys(values).filter((key) => !used.has(key));
  if (unused.length > 0) {
    throw new TemplateError(templateName, `values given but used by no placeholder: ${unused.join(", ")}. Remove them or add {{${unused[0]}}} to the template.`);
  }
  const stray = findInterpolation(JSON.stringify(rendered));
  if (stray) throw new TemplateError(templateName, `rendered output holds "${stray}", which Terraform would interpolate. Use {{name}} placeholders.`);
  return rendered;

  function lookup(name: string, at: string): JsonValue {
    if (!Object.prototype.hasOwnProperty.call(values, name)) {
      const given = Object.keys(values).join(", ") || "none";
      throw new TemplateError(templateName, `placeholder {{${name}}} at ${at || "(root)"} has no value; values given: ${given}.`);
    }
    used.add(name);
    return values[name]!;
  }

  function render(node: JsonValue, at: string): JsonValue {
    if (typeof node === "string") return renderString(node, at);
    if (Array.isArray(node)) {
      return (node as readonly JsonValue[]).flatMap((item, i) => {
        const spread = typeof item === "string" ? WHOLE.exec(item) : null;
        if (spread?.[1]) {
          const value = lookup(spread[2]!, `${at}[${i}]`);
          if (!Array.isArray(value)) throw new TemplateError(templateName, `{{...${spread[2]}}} at ${at}[${i}] needs an array value, got ${typeof value}.`);
          return value as JsonValue[];
        }
        return [render(item, `${at}[${i}]`)];
      });
    }
    if (node !== null && typeof node === "object") {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, render(value, at ? `${at}.${key}` : key)]));
    }
    return node;
  }

  function renderString(text: string, at: string): JsonValue {
    const whole = WHOLE.exec(text);
    if (whole) {
      if (whole[1]) throw new TemplateError(templateName, `{{...${whole[2]}}} at ${at} may only stand as an array element.`);
      return lookup(whole[2]!, at);
    }
    return text.replace(INLINE, (_match, name: string) => {
      const value = lookup(name, at);
      if (typeof value === "object" && value !== null) throw new TemplateError(templateName, `{{${name}}} at ${at} is inside text, so it needs a string or number value.`);
      return String(value);
    });
  }
}

/** The first `${` or `%{` that is not a cdktf token, or undefined. */
export function findInterpolation(text: string): string | undefined {
  const withoutTokens = text.replace(CDKTF_TOKEN, "");
  const match = /[$%]\{[^}]{0,30}/.exec(withoutTokens);
  return match?.[0];
}
