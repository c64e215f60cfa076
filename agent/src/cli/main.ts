// `porthole` CLI entry: scan | explain | reach | serve | capture. Exit codes: exitCodes.ts (0, 1, 2, 3, 70).
import { Command, CommanderError, Option } from 'commander';
import { runExplain, runReach } from './pathCommands.ts';
import { runScan } from './scan.ts';
import { SCAN_FORMATS } from './formats/index.ts';
import { UsageError, reportFatal, setDebug } from './errors.ts';
import { EXIT } from './exitCodes.ts';

const program = new Command();
program
  .name('porthole')
  .description('Why is this ECS service behind an ALB unhealthy or unreachable? Read-only, offline or live.')
  .option('--debug', 'print the stack trace of an internal error (exit 70)')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) })
  .hook('preAction', (cmd) => setDebug(Boolean(cmd.opts().debug)));

program
  .command('scan')
  .description('Diagnose every service of a snapshot folder (or live AWS)')
  .option('--snapshot <dir>', 'folder of AWS CLI JSON outputs')
  .option('--live', 'scan live AWS (read-only) instead of a folder')
  .option('--profile <name>', 'AWS profile for --live')
  .option('--region <region...>', 'AWS regions for --live (one or more)')
  .option('--endpoint-url <url>', 'AWS endpoint for --live (LocalStack, a VPC endpoint)')
  .option('--service <cluster/name>', 'only this service')
  .option('--json', 'print only JSON on stdout')
  .addOption(
    new Option('--format <format>', 'text, json, sarif (SARIF 2.1.0) or github (annotations)').choices(
      SCAN_FORMATS,
    ),
  )
  .action(async (opts) => {
    process.exitCode = await runScan(opts);
  });

program
  .command('explain')
  .description('Why does this URL (not) answer? Follows listener → rule → target group → targets → path')
  .argument('<url>', 'e.g. http://my-alb-123.eu-west-1.elb.amazonaws.com:8081/')
  .requiredOption('--snapshot <dir>', 'folder of AWS CLI JSON outputs')
  .option('--from <source>', 'caller: internet (default), an instance id, ENI id or IPv4 address')
  .option('--method <method>', 'HTTP method for http-request-method rules (default GET)')
  .option(
    '--header <header>',
    "request header 'Name: value' for http-header / host-header rules (repeatable)",
    (value: string, previous: string[] = []) => [...previous, value],
  )
  .option('--client-ports <from-to>', "the caller's ephemeral port range, e.g. 32768-60999 (Linux)")
  .option('--json', 'print only JSON on stdout')
  .action(async (url, opts) => {
    process.exitCode = await runExplain(url, opts);
  });

program
  .command('reach')
  .description('Can SOURCE reach DEST on a port? Every blocking SG rule, NACL entry and route, hop by hop')
  .requiredOption('--snapshot <dir>', 'folder of AWS CLI JSON outputs')
  .requiredOption('--from <source>', 'instance id, ENI id, IPv4 address or "internet"')
  .requiredOption(
    '--to <dest>',
    'instance id, ENI id, IPv4 address (in or outside the estate), "internet", or an ALB name, ARN or DNS name',
  )
  .requiredOption('--port <n>', 'destination port')
  .addOption(new Option('--protocol <p>', 'tcp or udp').choices(['tcp', 'udp']).default('tcp'))
  .option('--client-ports <from-to>', "the caller's ephemeral port range, e.g. 32768-60999 (Linux)")
  .option('--json', 'print only JSON on stdout')
  .action(async (opts) => {
    process.exitCode = await runReach(opts);
  });

program
  .command('serve')
  .description('Run the daemon and dashboard (demo estate unless --snapshot or --live)')
  .option('--port <n>', 'HTTP port (default 7070, env PORTHOLE_PORT)')
  .option('--host <address>', 'bind address (default 127.0.0.1)')
  .option('--snapshot <dir>', 'serve a captured snapshot folder')
  .option('--live', 'poll live AWS')
  .option('--config <file>', 'YAML config file')
  .option('--data-dir <dir>', 'SQLite data folder (default ./data, env PORTHOLE_DATA_DIR)')
  .action(async (opts) => {
    const { runServeCommand } = await import('./serve.ts');
    await runServeCommand(opts);
  });

program
  .command('capture')
  .description('Write live AWS state to a snapshot folder in the public format')
  .requiredOption('--out <dir>', 'output folder')
  .option('--profile <name>', 'AWS profile')
  .option('--region <region...>', 'AWS regions (one or more)')
  .option('--stats', 'print API calls per action next to the floor')
  .option('--endpoint-url <url>', 'AWS endpoint for every service (LocalStack, a VPC endpoint)')
  .action(async (opts) => {
    const { runCaptureCommand } = await import('./capture.ts');
    process.exitCode = await runCaptureCommand(opts);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version exit 0; every other parse problem is bad usage.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  } else if (error instanceof UsageError) {
    process.stderr.write(`porthole: ${error.message}\n`);
    process.exitCode = EXIT.badInput;
  } else {
    process.exitCode = reportFatal(error);
  }
}
