/**
 * A small glob matcher for repository-relative POSIX paths, gitignore-flavoured:
 * - `**` matches any number of path segments (including none), `*` any run of characters except
 *   `/`, `?` one character except `/`; everything else is literal (no braces, no classes).
 * - A pattern without a `/` matches the file name at any depth (`*.pem`, `secrets.txt`).
 * - A trailing `/` means "everything under this folder" (`fixtures/` == `fixtures/**`).
 * - A leading `/` or `./` anchors to the scan root and is dropped.
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = glob.trim().replace(/\\/g, '/');
  if (pattern.startsWith('./')) pattern = pattern.slice(2);
  let anchored = false;
  if (pattern.startsWith('/')) {
    pattern = pattern.replace(/^\/+/, '');
    anchored = true;
  }
  if (pattern.endsWith('/')) pattern += '**';
  if (!anchored && !pattern.includes('/')) pattern = `**/${pattern}`;

  let re = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      const atStart = i === 0 || pattern[i - 1] === '/';
      const atEnd = i + 2 === pattern.length || pattern[i + 2] === '/';
      if (atStart && atEnd) {
        if (i + 2 === pattern.length) {
          re += '.*'; // trailing `**`: anything below
          i += 2;
        } else {
          re += '(?:[^/]*/)*'; // `**/`: zero or more whole segments
          i += 3;
        }
        continue;
      }
      re += '[^/]*'; // `a**b` behaves like `a*b`
      i += 2;
      continue;
    }
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    i++;
  }
  return new RegExp(`^${re}$`);
}

export function globMatches(glob: string, relPath: string): boolean {
  return globToRegExp(glob).test(relPath);
}
