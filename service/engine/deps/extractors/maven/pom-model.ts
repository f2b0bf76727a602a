// A pom.xml read into the parts the extractor uses: coordinates, parent, properties, managed and
// direct dependencies (each with its line). Values stay as written (`${…}` interpolated later, after
// inheritance, as Maven does). Profiles, plugins and their dependencies are not read.
import { childElement, childElements, childNames, childText, parseXml, textOf } from '../xml';

export interface PomDependency {
  groupId?: string;
  artifactId?: string;
  version?: string;
  scope?: string;
  optional?: string;
  type?: string;
  classifier?: string;
  line?: number;
}

export interface PomParent {
  groupId?: string;
  artifactId?: string;
  version?: string;
  /** As written; undefined means Maven's default ../pom.xml, '' means "from the repository only". */
  relativePath?: string;
}

export interface Pom {
  path: string;
  groupId?: string;
  artifactId?: string;
  version?: string;
  parent?: PomParent;
  properties: Map<string, string>;
  managed: PomDependency[];
  dependencies: PomDependency[];
}

/** Reads a pom (throws on malformed XML, a DOCTYPE, or a file whose root is not <project>). */
export function readPom(path: string, text: string): Pom {
  const doc = parseXml(text);
  const project = childElement(doc.top, 'project');
  if (!project) throw new Error('no <project> element');
  const dependencyList = (owner: unknown): PomDependency[] =>
    childElements(childElement(owner, 'dependencies'), 'dependency').map((d) => ({
      groupId: childText(d, 'groupId'),
      artifactId: childText(d, 'artifactId'),
      version: childText(d, 'version'),
      scope: childText(d, 'scope'),
      optional: childText(d, 'optional'),
      type: childText(d, 'type'),
      classifier: childText(d, 'classifier'),
      line: doc.lineOf(d),
    }));
  const parentElement = childElement(project, 'parent');
  const properties = new Map<string, string>();
  const propertiesElement = childElement(project, 'properties');
  for (const name of childNames(propertiesElement)) properties.set(name, textOf(childElements(propertiesElement, name).at(-1)));
  return {
    path,
    groupId: childText(project, 'groupId'),
    artifactId: childText(project, 'artifactId'),
    version: childText(project, 'version'),
    parent: parentElement && {
      groupId: childText(parentElement, 'groupId'),
      artifactId: childText(parentElement, 'artifactId'),
      version: childText(parentElement, 'version'),
      relativePath: childText(parentElement, 'relativePath'),
    },
    properties,
    managed: dependencyList(childElement(project, 'dependencyManagement')),
    dependencies: dependencyList(project),
  };
}
