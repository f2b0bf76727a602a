// An organization's license policy: its own when it stored one, else the licenses scanner's default.
// The contract's LicensePolicy (what the API validates and the store keeps) is the scanner's: the
// assignments below stop the build if the two ever part.
import type { Kysely } from 'kysely';
import type { LicensePolicy, LicensePolicyResponse } from '../contract/api';
import { DEFAULT_LICENSE_POLICY, type LicensePolicy as ScannerLicensePolicy } from '../engine/licenses/policy';
import { getStoredLicensePolicy } from '../store/license-policy';
import type { Database } from '../store/schema';

const toScanner = (p: LicensePolicy): ScannerLicensePolicy => p;
const toContract = (p: ScannerLicensePolicy): LicensePolicy => p;

/** The policy in force; undefined when the organization is not connected. */
export async function licensePolicyOf(db: Kysely<Database>, orgId: string): Promise<LicensePolicyResponse | undefined> {
  const stored = await getStoredLicensePolicy(db, orgId);
  if (stored === undefined) return undefined;
  return stored ? { policy: stored, isDefault: false } : { policy: toContract(DEFAULT_LICENSE_POLICY), isDefault: true };
}

/** What the licenses scanner is handed for a scan of the organization's repositories. */
export async function scannerLicensePolicy(db: Kysely<Database>, orgId: string): Promise<ScannerLicensePolicy> {
  const stored = await getStoredLicensePolicy(db, orgId);
  return stored ? toScanner(stored) : DEFAULT_LICENSE_POLICY;
}
