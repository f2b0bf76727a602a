// Policy type ids and their settings (ado-rest.md §3.3, from the Terraform provider and the spec examples).
import { optBool, optNumber, optString, optStringArray } from '../parse';
import type { PolicyConfiguration } from './policy';

export const POLICY_TYPES = {
  minimumReviewers: 'fa4e907d-c16b-4a4c-9dfa-4906e5d171dd',
  build: '0609b952-1397-4640-95ec-e00a01b2c241',
  requiredReviewers: 'fd2167ab-b0be-447a-8ec8-39368250530e',
  commentRequirements: 'c6a1889d-b943-4856-b76f-9e46bb6b0df2',
  status: 'cbdc66da-9728-4af8-aada-9a5a32e4a226',
  workItemLinking: '40e92b44-2fe1-4dd6-b3d8-74a9c21d0c6e',
  mergeStrategy: 'fa4e907d-c16b-4a4c-9dfa-4916e5d171ab',
  fileSizeRestriction: '2e26e725-8201-4edd-8bf5-978563c34a80',
  fileNameRestriction: '51c78909-e838-41a2-9496-c647091e3c61',
  pathLengthRestriction: '001a79cf-fda1-4c4e-9e7c-bac40ee5ead8',
  reservedNamesRestriction: 'db2b9b4c-180d-4529-9701-01541d19f36b',
  gitRepositorySettings: '7ed39669-655c-494e-b4a0-a08b4da0fcce',
  commitAuthorEmailValidation: '77ed4bd3-b063-4689-934a-175e4d0a78d7',
  gitRepositorySettingsPolicyName: '0517f88d-4ec5-4343-9d26-9930ebd53069',
  checkCredentials: 'e67ae10f-cf9a-40bc-8e66-6b3a8216956e',
} as const;

export interface MinimumReviewersSettings {
  kind: 'minimumReviewers';
  minimumApproverCount?: number;
  /** The author's own vote counts. */
  creatorVoteCounts?: boolean;
  /** The PR can complete despite waiting or rejected votes. */
  allowDownvotes?: boolean;
  resetOnSourcePush?: boolean;
  resetRejectionsOnSourcePush?: boolean;
  requireVoteOnLastIteration?: boolean;
  requireVoteOnEachIteration?: boolean;
  /** The last pusher cannot approve. */
  blockLastPusherVote?: boolean;
}

export interface BuildPolicySettings {
  kind: 'build';
  buildDefinitionId?: number;
  displayName?: string;
  queueOnSourceUpdateOnly?: boolean;
  /** true: the build is not triggered automatically. */
  manualQueueOnly?: boolean;
  /** Minutes; 0 = never expires. */
  validDuration?: number;
  filenamePatterns?: string[];
}

export interface RequiredReviewersSettings {
  kind: 'requiredReviewers';
  requiredReviewerIds: string[];
  minimumApproverCount?: number;
  creatorVoteCounts?: boolean;
  filenamePatterns?: string[];
  message?: string;
}

export interface StatusPolicySettings {
  kind: 'status';
  /** Match a PR status context.name / context.genre. */
  statusName?: string;
  statusGenre?: string;
  /** Only statuses posted by this identity count. */
  authorId?: string;
  invalidateOnSourceUpdate?: boolean;
  /** null/0: always; 1: only once the status is posted. */
  policyApplicability?: number;
  filenamePatterns?: string[];
}

export interface OtherPolicySettings {
  kind: 'other';
  typeId: string;
}

export type PolicySettings = MinimumReviewersSettings | BuildPolicySettings | RequiredReviewersSettings | StatusPolicySettings | OtherPolicySettings;

/** The settings of a configuration, typed by its policy type id; unknown keys and types are left out. */
export function policySettings(config: PolicyConfiguration): PolicySettings {
  const s = config.settings;
  switch (config.typeId) {
    case POLICY_TYPES.minimumReviewers:
      return {
        kind: 'minimumReviewers',
        minimumApproverCount: optNumber(s.minimumApproverCount),
        creatorVoteCounts: optBool(s.creatorVoteCounts),
        allowDownvotes: optBool(s.allowDownvotes),
        resetOnSourcePush: optBool(s.resetOnSourcePush),
        resetRejectionsOnSourcePush: optBool(s.resetRejectionsOnSourcePush),
        requireVoteOnLastIteration: optBool(s.requireVoteOnLastIteration),
        requireVoteOnEachIteration: optBool(s.requireVoteOnEachIteration),
        blockLastPusherVote: optBool(s.blockLastPusherVote),
      };
    case POLICY_TYPES.build:
      return {
        kind: 'build',
        buildDefinitionId: optNumber(s.buildDefinitionId),
        displayName: optString(s.displayName),
        queueOnSourceUpdateOnly: optBool(s.queueOnSourceUpdateOnly),
        manualQueueOnly: optBool(s.manualQueueOnly),
        validDuration: optNumber(s.validDuration),
        filenamePatterns: optStringArray(s.filenamePatterns),
      };
    case POLICY_TYPES.requiredReviewers:
      return {
        kind: 'requiredReviewers',
        requiredReviewerIds: optStringArray(s.requiredReviewerIds) ?? [],
        minimumApproverCount: optNumber(s.minimumApproverCount),
        creatorVoteCounts: optBool(s.creatorVoteCounts),
        filenamePatterns: optStringArray(s.filenamePatterns),
        message: optString(s.message),
      };
    case POLICY_TYPES.status:
      return {
        kind: 'status',
        statusName: optString(s.statusName),
        statusGenre: optString(s.statusGenre),
        authorId: optString(s.authorId),
        invalidateOnSourceUpdate: optBool(s.invalidateOnSourceUpdate),
        policyApplicability: optNumber(s.policyApplicability),
        filenamePatterns: optStringArray(s.filenamePatterns),
      };
    default:
      return { kind: 'other', typeId: config.typeId };
  }
}
