// The dashboards Onderstroom ships, in the order the README lists them.
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { beheerDashboard } from './beheer.dashboard.js';
import { bronnenDashboard } from './bronnen.dashboard.js';
import { maatregelenDashboard } from './maatregelen.dashboard.js';
import { onderwerpenDashboard } from './onderwerpen.dashboard.js';
import { overzichtDashboard } from './overzicht.dashboard.js';
import { vragenDashboard } from './vragen.dashboard.js';

/** Builds every dashboard in memory; build.ts writes them, tests compare them with the committed files. */
export function buildDashboards(): Dashboard[] {
  return [
    overzichtDashboard(),
    onderwerpenDashboard(),
    bronnenDashboard(),
    maatregelenDashboard(),
    vragenDashboard(),
    beheerDashboard(),
  ];
}
