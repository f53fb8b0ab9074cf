import { escapeHtml } from '../shared/html.ts';
import { deliveriesSection } from './deliveries-section.ts';
import type { Earnings, PlanOffer } from './earnings.ts';
import { earningsSection, planSection } from './earnings-section.ts';
import { figuresSection } from './figures-section.ts';
import { type PartnershipsView, partnershipsSection } from './partnerships-section.ts';
import { time } from './format.ts';
import { csrfField, layout } from './layout.ts';
import type { Summary } from './summary.ts';

const PERIODS = [7, 14, 30, 90];

export interface DashboardView {
  summary: Summary;
  earnings: Earnings;
  plans: PlanOffer;
  /** The partnerships section; absent when no manager runs. */
  partnerships?: PartnershipsView;
  csrf: string;
  base: string;
  /** Shown at the top after an action, e.g. "2 deliveries put back in the queue". */
  notice?: string;
  /** False for Bearer requests, which have no session to end. */
  canLogOut: boolean;
}

export function dashboardPage({ summary, earnings, plans, partnerships, csrf, base, notice, canLogOut }: DashboardView): string {
  const periods = PERIODS.map((days) => `<a href="${escapeHtml(base)}?days=${days}"${days === summary.days ? ' aria-current="page"' : ''}>${days} days</a>`).join('');
  const body = `<header class="top">
<div class="title"><h1>Operator dashboard</h1><p class="muted">${escapeHtml(summary.since)} to ${escapeHtml(summary.until)} (UTC) · updated ${time(summary.generatedAt)} · ${scopeNote(summary)}</p></div>
<nav class="periods" aria-label="Period">${periods}</nav>
${canLogOut ? `<form method="post" action="${escapeHtml(base)}/logout" class="logout">${csrfField(csrf)}<button type="submit" class="secondary">Log out</button></form>` : ''}
</header>
<main>
${notice ? `<p class="notice" role="status">${escapeHtml(notice)}</p>` : ''}
${figuresSection(summary)}
${deliveriesSection(summary.deliveries, { csrf, base })}
${partnerships ? partnershipsSection(partnerships) : ''}
${earningsSection(earnings)}
${planSection(plans, { csrf, base })}
</main>
<footer><p class="muted">The same figures as JSON, with the same login or <code>Authorization: Bearer</code>: <a href="${escapeHtml(base)}/api/summary?days=${summary.days}">summary</a> · <a href="${escapeHtml(base)}/api/earnings">earnings</a> · <a href="${escapeHtml(base)}/api/deliveries">deliveries</a>${partnerships ? ` · <a href="${escapeHtml(base)}/api/partnerships">partnerships</a>` : ''}</p></footer>`;
  return layout({ title: 'Operator dashboard', body, base });
}

export function loginPage({ base, error }: { base: string; error?: string }): string {
  const body = `<main class="login">
<h1>Operator dashboard</h1>
<form method="post" action="${escapeHtml(base)}/login" class="card">
<label for="token">Admin token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus${error ? ' aria-invalid="true" aria-describedby="login-error"' : ''}>
${error ? `<p class="error" id="login-error" role="alert">${escapeHtml(error)}</p>` : ''}
<button type="submit">Log in</button>
</form>
<p class="muted small">The token is <code>ADMIN_TOKEN</code> from the bot's configuration. Scripts can send it as <code>Authorization: Bearer</code> instead.</p>
</main>`;
  return layout({ title: 'Log in · operator dashboard', body, base });
}

/** A short page for the outcome of an action that could not redirect back (e.g. a checkout that failed). */
export function messagePage({ base, title, message }: { base: string; title: string; message: string }): string {
  const body = `<main class="login"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="${escapeHtml(base)}">Back to the dashboard</a></p></main>`;
  return layout({ title, body, base });
}

/** After a checkout started on an origin this page's CSP does not list: a plain link the operator follows. */
export function checkoutLinkPage({ base, url, planId }: { base: string; url: string; planId: string }): string {
  const body = `<main class="login"><h1>Checkout ready</h1><p>Syndicate Links opened a checkout for the <strong>${escapeHtml(planId)}</strong> plan.</p>
<p><a class="button" href="${escapeHtml(url)}" rel="noreferrer">Continue to the checkout</a></p><p><a href="${escapeHtml(base)}">Back to the dashboard</a></p></main>`;
  return layout({ title: 'Checkout ready', body, base });
}

/** Whose figures and deliveries the page shows: PostgreSQL shares both, Redis only the figures. */
function scopeNote(summary: Summary): string {
  if (summary.deliveriesScope === 'all-instances') return 'figures and deliveries of every instance (PostgreSQL)';
  return summary.scope === 'all-instances' ? 'figures of every instance (Redis); delivery health of this instance' : 'figures of this instance';
}
