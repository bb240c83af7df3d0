import { createHash } from 'node:crypto';
import type { ProviderRequest } from '../providers/types.js';
import { renderMessages } from '../providers/render-request.js';
import type { Job } from '../types.js';
import { jobKey } from '../store/journal.js';
import type { BatchItem } from './types.js';

/**
 * The batch `custom_id` of a job: readable (case id and repeat) and unique (a hash of case, system
 * and repeat). Anthropic allows only `[a-zA-Z0-9_-]{1,64}`, so case ids are slugged and cut; the
 * 48-bit hash keeps ids apart even when long case ids share their first 32 characters.
 */
export function batchCustomId(caseId: string, system: string, repeat: number): string {
  const hash = createHash('sha256')
    .update(jobKey(caseId, system, repeat))
    .digest('hex')
    .slice(0, 12);
  const ascii = caseId.normalize('NFKD').replace(/\p{M}/gu, '');
  const slug = ascii
    .replace(/[^a-zA-Z0-9_-]+/g, '_')
    .slice(0, 32)
    .replace(/^_+|_+$/g, '');
  return `${slug || 'case'}-r${repeat}-${hash}`;
}

/** The request a normal call for this job would send (same rendering as executeJob). */
export function jobRequest(job: Job): ProviderRequest {
  return { case: job.case, messages: renderMessages(job.system, job.case), tools: job.system.tools ?? [], repeat: job.repeat };
}

/** A job as a batch item. */
export function toBatchItem(job: Job): BatchItem {
  return { customId: batchCustomId(job.case.id, job.system.name, job.repeat), request: jobRequest(job) };
}
