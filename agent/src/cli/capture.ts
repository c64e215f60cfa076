// `porthole capture`: hands the parsed flags to the live AWS source.
import { runCapture } from '../sources/aws/cli.ts';
import { reportFatal } from './errors.ts';

export async function runCaptureCommand(flags: {
  out: string;
  profile?: string;
  region?: string[];
  stats?: boolean;
  endpointUrl?: string;
}): Promise<number> {
  try {
    return await runCapture({
      out: flags.out,
      profile: flags.profile,
      regions: flags.region ?? [],
      stats: flags.stats ?? false,
      endpoint: flags.endpointUrl,
    });
  } catch (error) {
    return reportFatal(error);
  }
}
