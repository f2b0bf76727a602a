// PyPI trove classifiers ("License :: OSI Approved :: MIT License") as SPDX expressions. Classifiers
// that name a family without its version ("Apache Software License", "BSD License") are guesses.

interface ClassifierLicense {
  expression: string;
  guessed: boolean;
}

/** Last classifier segment (lower case) -> [expression, guessed]. */
const CLASSIFIERS: Readonly<Record<string, readonly [string, boolean]>> = {
  'mit license': ['MIT', false],
  'mit no attribution license (mit-0)': ['MIT-0', false],
  'isc license (iscl)': ['ISC', false],
  'bsd license': ['BSD-3-Clause', true],
  'apache software license': ['Apache-2.0', true],
  'apache software license 2.0 (apache-2.0)': ['Apache-2.0', false],
  'python software foundation license': ['PSF-2.0', false],
  'the unlicense (unlicense)': ['Unlicense', false],
  'cc0 1.0 universal (cc0 1.0) public domain dedication': ['CC0-1.0', false],
  'zlib/libpng license': ['Zlib', false],
  'boost software license 1.0 (bsl-1.0)': ['BSL-1.0', false],
  'universal permissive license (upl)': ['UPL-1.0', false],
  'academic free license (afl)': ['AFL-3.0', true],
  'artistic license': ['Artistic-2.0', true],
  'zope public license': ['ZPL-2.1', true],
  'historical permission notice and disclaimer (hpnd)': ['HPND', false],
  'mozilla public license 1.0 (mpl)': ['MPL-1.0', false],
  'mozilla public license 1.1 (mpl 1.1)': ['MPL-1.1', false],
  'mozilla public license 2.0 (mpl 2.0)': ['MPL-2.0', false],
  'eclipse public license 1.0 (epl-1.0)': ['EPL-1.0', false],
  'eclipse public license 2.0 (epl-2.0)': ['EPL-2.0', false],
  'common development and distribution license 1.0 (cddl-1.0)': ['CDDL-1.0', false],
  'gnu lesser general public license v2 (lgplv2)': ['LGPL-2.0-only', false],
  'gnu lesser general public license v2 or later (lgplv2+)': ['LGPL-2.0-or-later', false],
  'gnu lesser general public license v3 (lgplv3)': ['LGPL-3.0-only', false],
  'gnu lesser general public license v3 or later (lgplv3+)': ['LGPL-3.0-or-later', false],
  'gnu library or lesser general public license (lgpl)': ['LGPL-2.0-or-later', true],
  'gnu general public license (gpl)': ['GPL-2.0-or-later', true],
  'gnu general public license v2 (gplv2)': ['GPL-2.0-only', false],
  'gnu general public license v2 or later (gplv2+)': ['GPL-2.0-or-later', false],
  'gnu general public license v3 (gplv3)': ['GPL-3.0-only', false],
  'gnu general public license v3 or later (gplv3+)': ['GPL-3.0-or-later', false],
  'gnu affero general public license v3': ['AGPL-3.0-only', false],
  'gnu affero general public license v3 or later (agplv3+)': ['AGPL-3.0-or-later', false],
  'european union public licence 1.0 (eupl 1.0)': ['EUPL-1.0', false],
  'european union public licence 1.1 (eupl 1.1)': ['EUPL-1.1', false],
  'european union public licence 1.2 (eupl 1.2)': ['EUPL-1.2', false],
  'gnu free documentation license (fdl)': ['GFDL-1.3-or-later', true],
  'public domain': ['Unlicense', true],
  'sil open font license 1.1 (ofl-1.1)': ['OFL-1.1', false],
  'apple public source license': ['APSL-2.0', true],
  'w3c license': ['W3C', false],
  'cea cnrs inria logiciel libre license, version 2.1 (cecill-2.1)': ['CECILL-2.1', false],
  'qt public license (qpl)': ['QPL-1.0', false],
  'sun industry standards source license (sissl)': ['SISSL', false],
  'nokia open source license (nokos)': ['Nokia', false],
  'open software license 3.0 (osl-3.0)': ['OSL-3.0', false],
  'the open group test suite license (tgppl)': ['TGPPL-1.0', false],
  'repoze public license': ['Zlib', true],
  'ibm public license': ['IPL-1.0', false],
  'mulan permissive software license v2 (mulanpsl-2.0)': ['MulanPSL-2.0', false],
};

const PROPRIETARY_CLASSIFIERS = new Set(['other/proprietary license', 'freeware', 'free for non-commercial use', 'free for educational use', 'free for home use', 'free to use but restricted', 'shareware']);

/**
 * A PyPI license classifier (one, or several separated by ';' / ',' / newlines: a choice) as an
 * expression; 'proprietary' for the proprietary ones; undefined when it names no license
 * ("License :: OSI Approved" alone, "Other/Proprietary" aside, "Freely Distributable").
 */
export function classifierLicense(text: string): ClassifierLicense | 'proprietary' | undefined {
  const found: ClassifierLicense[] = [];
  let proprietary = false;
  for (const classifier of text.split(/\s*[;\n]\s*|\s*,\s*(?=license ::)/i).slice(0, 20)) {
    const last = classifier.split('::').pop()!.trim().toLowerCase();
    const known = CLASSIFIERS[last];
    if (known) found.push({ expression: known[0], guessed: known[1] });
    else if (PROPRIETARY_CLASSIFIERS.has(last)) proprietary = true;
  }
  if (found.length === 0) return proprietary ? 'proprietary' : undefined;
  return { expression: [...new Set(found.map((f) => f.expression))].join(' OR '), guessed: found.some((f) => f.guessed) };
}
