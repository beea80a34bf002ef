import { type CliCommand, type CliIo, commandWithSubcommands } from './command.ts';
import { generateUsage, runGenerate } from './intel/generate.ts';
import { hotspotsUsage, runHotspots } from './intel/hotspots.ts';
import { knoxUsage, runKnox } from './intel/knox.ts';
import { linkUsage, runLink } from './intel/link.ts';
import { linkEvalUsage, runLinkEval } from './intel/link-eval.ts';
import { heatUsage, runHeat, runTrend, trendUsage } from './intel/patterns.ts';

type Sub = (args: readonly string[], io: CliIo) => Promise<number>;

const subcommands: Record<string, { run: Sub; usage: string }> = {
  generate: { run: runGenerate, usage: generateUsage },
  link: { run: runLink, usage: linkUsage },
  'link-eval': { run: runLinkEval, usage: linkEvalUsage },
  knox: { run: runKnox, usage: knoxUsage },
  hotspots: { run: runHotspots, usage: hotspotsUsage },
  trend: { run: runTrend, usage: trendUsage },
  heat: { run: runHeat, usage: heatUsage },
};

export const intelCommand: CliCommand = commandWithSubcommands({
  name: 'intel',
  summary: 'crime analysis: series linkage, Knox near-repeat test, hotspots, trends, synthetic burglary data',
  intro: `Usage: ronghui intel <sub-command> [options]

Crime analysis (研判): series linkage, near repeats, hotspots, trends, time patterns, evaluation data.
Incident files are CSV with the header
  id,occurred_from,occurred_to,lon,lat,x_m,y_m,category,premise,method,features,series_id
(--format portland reads the Portland burglary data: occ_date, x_coordina, y_coordina in feet).`,
  subcommands,
});
