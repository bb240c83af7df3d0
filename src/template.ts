// `{{column}}` templates in prompts, rubrics and check options. One syntax everywhere, so a PM
// learns it once: double braces around a column name, optional spaces inside the braces.

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.\- ]+?)\s*\}\}/g;

/** Names a template refers to, in order of first use. */
export function templateVariables(template: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) names.add(match[1]);
  return [...names];
}

/**
 * Replace every `{{name}}` with `vars[name]`. Unknown names are left as written and returned in
 * `missing`, so callers can report them (validation) instead of silently sending "{{x}}" to a model.
 */
export function renderTemplate(template: string, vars: Record<string, string | undefined>): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) {
      missing.push(name);
      return whole;
    }
    return value;
  });
  return { text, missing };
}

/** True when the whole string is exactly one placeholder, e.g. `"{{should_trigger}}"`. */
export function singleVariable(template: string): string | undefined {
  const match = /^\s*\{\{\s*([A-Za-z0-9_.\- ]+?)\s*\}\}\s*$/.exec(template);
  return match?.[1];
}
