// Package metadata sources: one per registry, asked for (name, version), answering what the licenses
// and package-risk scanners read (PackageMetadata) or undefined when the registry does not know it.
import type { Ecosystem } from '../../contract/vocabulary';
import type { PackageMetadata } from '../../engine/deps/types';
import type { RegistryClient } from './client';

export type { PackageMetadata };

export interface PackageMetadataSource {
  ecosystem: Ecosystem;
  /**
   * The registry's answer for one version. undefined: the registry does not know the package or the
   * version (a definite answer, cached). Throws on failure (timeout, 5xx, unreadable answer): the
   * caller treats it as absent and does not cache it.
   */
  fetch(name: string, version: string): Promise<PackageMetadata | undefined>;
}

export interface SourceOptions {
  /** The registry's base URL (no trailing slash). */
  baseUrl: string;
  client: RegistryClient;
}
