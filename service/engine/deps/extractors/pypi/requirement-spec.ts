// A PEP 508 requirement as requirements files, pdm.lock and pyproject.toml write it:
// `name[extra,...] <specifiers> ; <marker>` or `name[extra] @ <url> ; <marker>`. A small parser of
// our own: pip-requirements-js needs its input pre-cleaned anyway and costs far more per line.

export interface RequirementSpec {
  /** As written (not normalised). */
  name: string;
  extras: string[];
  /** Specifiers without spaces or parentheses, e.g. `>=2.0,<3`; '' when none. */
  specifier: string;
  /** Environment marker after `;`, trimmed. */
  marker?: string;
  /** A direct reference (`name @ url`). */
  url?: string;
}

const NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*/;

/** The requirement, or undefined when the text does not start with a project name. */
export function parseRequirementSpec(text: string): RequirementSpec | undefined {
  const m = NAME.exec(text);
  if (!m) return undefined;
  let rest = text.slice(m[0].length);
  let extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return undefined;
    extras = rest
      .slice(1, close)
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    rest = rest.slice(close + 1).trimStart();
  }
  if (rest.startsWith('@')) {
    // The URL runs to whitespace; a marker after it must follow `; ` (PEP 508).
    const body = rest.slice(1).trim();
    const semi = body.search(/\s;/);
    const url = (semi < 0 ? body : body.slice(0, semi)).trim();
    const marker = semi < 0 ? undefined : body.slice(semi).replace(/^\s*;/, '').trim();
    return { name: m[1], extras, specifier: '', url, ...(marker ? { marker } : {}) };
  }
  const semi = rest.indexOf(';');
  const versionPart = semi < 0 ? rest : rest.slice(0, semi);
  const marker = semi < 0 ? undefined : rest.slice(semi + 1).trim();
  const specifier = versionPart.replace(/[\s()]/g, '');
  if (specifier !== '' && !/^(===|==|!=|~=|<=|>=|<|>)/.test(specifier)) return undefined;
  return { name: m[1], extras, specifier, ...(marker ? { marker } : {}) };
}

/**
 * The version an exact pin (`==1.2.3`, `===1.2.3`) names; undefined for ranges, wildcards, several
 * clauses and anything that is not a version (`==${VERSION}`, left for pip to expand).
 */
export function pinnedVersion(specifier: string): string | undefined {
  const m = /^===?([A-Za-z0-9][A-Za-z0-9.+!_-]*)$/.exec(specifier);
  return m ? m[1] : undefined;
}
