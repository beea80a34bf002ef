import { type CliCommand, type CliIo, CliUsageError } from './command.ts';
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

const usage = `Usage: ronghui intel <sub-command> [options]

Crime analysis (研判): series linkage, near repeats, hotspots, trends, time patterns, evaluation data.
Incident files are CSV with the header
  id,occurred_from,occurred_to,lon,lat,x_m,y_m,category,premise,method,features,series_id
(--format portland reads the Portland burglary data: occ_date, x_coordina, y_coordina in feet).

${Object.values(subcommands)
  .map((s) => s.usage)
  .join('\n\n')}`;

export const intelCommand: CliCommand = {
  name: 'intel',
  summary: 'crime analysis: series linkage, Knox near-repeat test, hotspots, trends, synthetic burglary data',
  usage,
  async run(args, io) {
    const [name, ...rest] = args;
    const sub = name ? subcommands[name] : undefined;
    if (!sub) {
      throw new CliUsageError(
        name
          ? `unknown sub-command "${name}"`
          : `a sub-command is required: ${Object.keys(subcommands).join(', ')}`,
      );
    }
    return sub.run(rest, io);
  },
};
