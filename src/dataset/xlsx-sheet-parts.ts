// Which tab a worksheet part (`xl/worksheets/sheet3.xml`) is, so a message about the part can name the
// tab a PM sees. Read with patterns, not a parser: the two files are tiny and only names are needed.

const ATTRIBUTE = (name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);

function attribute(attributes: string, name: string): string | undefined {
  const match = ATTRIBUTE(name).exec(attributes);
  return match ? decodeEntities(match[1] ?? match[2]) : undefined;
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    return named[ref] ?? whole;
  });
}

/** Part name (`xl/worksheets/sheet1.xml`) → tab name, from `xl/workbook.xml` and its relationships. */
export function sheetNamesByPart(workbookXml: string, relsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const [, attributes] of relsXml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const id = attribute(attributes, 'Id');
    const target = attribute(attributes, 'Target');
    if (id === undefined || target === undefined) continue;
    // Targets are relative to xl/, or absolute from the package root.
    targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  const names = new Map<string, string>();
  for (const [, attributes] of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
    const name = attribute(attributes, 'name');
    const part = targets.get(attribute(attributes, '[\\w.-]+:id') ?? '');
    if (name !== undefined && part !== undefined) names.set(part, name);
  }
  return names;
}
