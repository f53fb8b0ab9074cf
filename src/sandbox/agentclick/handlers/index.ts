import type { ActionName } from '../../../agentclick/actions.ts';
import type { ActionHandler } from '../action-context.ts';
import { apiKeyInfo, categories, health, profile, stats } from './common.ts';
import { apply, cancel, linksGenerate, list, selfbackApply } from './partnerships.ts';
import { agentCatalog, agentCategories, agentProgramDetail, programsSearch, publisherProgramDetail, selfbackList } from './programs.ts';
import { recommend } from './recommend.ts';
import { earningsPayouts, earningsSummary, notificationsList, notificationsRead, report } from './reports.ts';
import { recordConversion, trackClick } from './tracking.ts';

export { health };

/** One handler per authenticated action; the type makes a missing action a compile error. */
export const handlers: Record<Exclude<ActionName, 'health'>, ActionHandler> = {
  'common.categories': categories,
  'common.stats': stats,
  'common.profile': profile,
  'common.api_key_info': apiKeyInfo,
  'publisher.programs_search': programsSearch,
  'publisher.programs_detail': publisherProgramDetail,
  'publisher.partnerships_apply': apply,
  'publisher.partnerships_cancel': cancel,
  'publisher.partnerships_list': list,
  'publisher.links_generate': linksGenerate,
  'publisher.selfback_list': selfbackList,
  'publisher.selfback_apply': selfbackApply,
  'publisher.report': report,
  'publisher.earnings_summary': earningsSummary,
  'publisher.earnings_payouts': earningsPayouts,
  'publisher.notifications_list': notificationsList,
  'publisher.notifications_read': notificationsRead,
  'agent.recommend': recommend,
  'agent.program_detail': agentProgramDetail,
  'agent.track_click': trackClick,
  'agent.record_conversion': recordConversion,
  'agent.catalog': agentCatalog,
  'agent.categories': agentCategories,
};
