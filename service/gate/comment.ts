// The markdown of the thread Vigil posts on a new finding's lines: severity and title, rule id,
// message, remediation, and links (the rule's help, the finding in the PR tab). A finding's message
// never holds a secret value (model.ts); text is still escaped so that it cannot become markup.
import type { Finding } from '../contract/model';

/** Markdown and HTML meta characters turned into plain text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

const SEVERITY_LABEL: Record<Finding['severity'], string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };

export interface CommentLinks {
  /** The pull request's Vigil tab (or its overview). */
  pullRequestUrl?: string;
  /** The file and line at the source commit. */
  fileUrl?: string;
}

export function threadComment(f: Finding, links: CommentLinks = {}): string {
  const lines = [
    `**${SEVERITY_LABEL[f.severity]}** · **${escapeMarkdown(f.title)}**`,
    '',
    escapeMarkdown(f.message),
    '',
    `**Rule:** \`${f.ruleId.replace(/`/g, '')}\`${f.cwe?.length ? ` · ${f.cwe.map(escapeMarkdown).join(', ')}` : ''}`,
  ];
  if (f.remediation) lines.push('', `**Remediation:** ${escapeMarkdown(f.remediation)}`);
  const refs = [
    f.helpUri && /^https?:\/\//.test(f.helpUri) ? `[About this rule](${f.helpUri})` : undefined,
    links.fileUrl ? `[Open the file](${links.fileUrl})` : undefined,
    links.pullRequestUrl ? `[Vigil on this pull request](${links.pullRequestUrl})` : undefined,
  ].filter((x): x is string => !!x);
  if (refs.length) lines.push('', refs.join(' · '));
  lines.push('', '_Posted by Vigil on a line this pull request adds or changes. Vigil marks this thread fixed when a later push removes the finding._');
  return lines.join('\n');
}
