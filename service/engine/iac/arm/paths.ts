// Paths a template names relative to itself (Bicep modules, ARM templateLink.relativePath).

/** `./mods/x.bicep` relative to the file that names it, normalised; undefined when it leaves the tree. */
export function resolvePath(from: string, relative: string): string | undefined {
  const parts = [...from.split('/').slice(0, -1), ...relative.split('/')];
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else out.push(p);
  }
  return out.join('/');
}

/** Editors on Windows often save templates with a byte order mark, which JSON does not allow. */
export const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
