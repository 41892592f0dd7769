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
