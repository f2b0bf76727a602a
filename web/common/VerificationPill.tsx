import * as React from 'react';
import { Pill, PillSize, PillVariant } from 'azure-devops-ui/Pill';
import type { Verification } from '../../service/contract/model';
import { VERIFICATION_LABELS } from '../../service/contract/vocabulary';
import { relativeTime } from './format';

/** A live secret is the most urgent thing on the page: the critical red. */
const LIVE_COLOR = { red: 164, green: 38, blue: 44 };

/** "GitHub: live (octocat), checked 2 hours ago" — what the provider said, in one line. */
export function verificationSummary(v: Verification, now?: number): string {
  const said = v.state === 'verified' ? `live${v.detail ? ` (${v.detail})` : ''}` : v.state === 'invalid' ? `refused it${v.detail ? ` (${v.detail})` : ''}` : `no answer${v.detail ? ` (${v.detail})` : ''}`;
  return `${v.provider}: ${said}, checked ${relativeTime(v.at, now)}`;
}

export interface VerificationPillProps {
  verification: Verification;
  now?: number;
  size?: PillSize;
}

/** Verified live (filled), Invalid or Not verified (outlined); the tooltip says who answered what, and when. */
export function VerificationPill({ verification: v, now, size = PillSize.compact }: VerificationPillProps): JSX.Element {
  const label = VERIFICATION_LABELS[v.state] ?? v.state;
  const live = v.state === 'verified';
  return (
    <span title={verificationSummary(v, now)}>
      <Pill
        className={`vigil-verification vigil-verification-${v.state}`}
        variant={live ? PillVariant.colored : PillVariant.outlined}
        {...(live ? { color: LIVE_COLOR } : {})}
        size={size}
        ariaLabel={label}
      >
        {label}
      </Pill>
    </span>
  );
}
