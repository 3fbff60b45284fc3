// The mentions module's factory: analysts' lists of stored mentions (each read of raw text logged) and their CSV.
import type { AccessLogRepository } from '../repositories/access-log.repository.js';
import type { MentionsReader } from '../repositories/mentions.repository.js';
import { MentionsExportService } from './mentions-export.service.js';
import { MentionsService } from './mentions.service.js';

export interface MentionsModuleDeps {
  reader: MentionsReader;
  accessLog: AccessLogRepository;
  topicIds: ReadonlySet<string>;
  timeZone: string;
}

export interface MentionsModule {
  mentions: MentionsService;
  /** The CSV download of stored mentions. */
  export: MentionsExportService;
}

export function createMentionsModule(deps: MentionsModuleDeps): MentionsModule {
  const mentions = new MentionsService(deps.reader, deps.accessLog, deps.topicIds);
  return { mentions, export: new MentionsExportService(mentions, deps.timeZone) };
}
